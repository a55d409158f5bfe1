package io.linia.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One node serving its operators and supervisors (issue 7 performance): {@code operators}
 * operators, each with an open workstation — a WebSocket signed in as that operator and
 * subscribed to {@code current_user_event} (RT-4) — and {@code supervisors} supervisor views,
 * each subscribed to {@code on_user_status_changed} (RT-5) and the {@code wallboard} snapshots
 * (RT-7), while the simulated switch offers Poisson calls at {@code callsPerSecond} that the
 * operators' phones answer (the switch's virtual endpoints: ring 1 s, talk 20 s on average).
 *
 * <p>Delivery of a status event = receive time − the event's {@code since} (the instant the ACD
 * took the change; one clock on one host), measured separately on the workstations (their own
 * status) and on the supervisor views (everyone's); a wallboard snapshot's delivery = receive
 * time − its {@code at}. At the end it checks that each operator's workstation received exactly
 * the status changes the supervisors saw for that operator (none lost).
 *
 * <p>Usage: {@code WorkstationLoad <baseUrl> <providerPassword> [operators] [supervisors] [callsPerSecond] [seconds]}
 */
public final class WorkstationLoad {

    private static final Pattern SINCE = Pattern.compile("\"since\":(\\d+)");
    private static final Pattern USER = Pattern.compile("\"userId\":\"([0-9a-f-]{36})\"");
    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final int QUEUES = 10;

    private final String base;
    private final BenchHttp api;

    WorkstationLoad(String base) {
        this.base = base;
        this.api = new BenchHttp(base, Duration.ofSeconds(60));
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String providerPassword = args[1];
        int operators = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int supervisors = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        double perSecond = args.length > 4 ? Double.parseDouble(args[4]) : 30;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 300;
        WorkstationLoad load = new WorkstationLoad(base);

        String provider = load.api.token("provider", "admin", providerPassword);
        String admin = load.api.newTenant(provider, "ws", "UTC").adminToken();
        long setup = System.nanoTime();
        List<String> queues = SimTraffic.queues(load.api, admin, QUEUES);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> opTokens = new ArrayList<>();
        List<Future<String>> supTokens = new ArrayList<>();
        StringBuilder endpoints = new StringBuilder();
        for (int a = 0; a < operators; a++) {
            int n = a;
            String extension = String.valueOf(10000 + n);
            endpoints.append(a == 0 ? "" : ",").append('"').append(extension).append('"');
            opTokens.add(pool.submit(() -> {
                String token = load.newUser(admin, "op" + n, extension, "operator");
                load.api.send("PUT", "/api/v1/agent/queues/" + queues.get(n % QUEUES), token, null, 200);
                load.api.send("PUT", "/api/v1/agent/state", token, "{\"state\":\"FREE\"}", 200);
                return token;
            }));
        }
        for (int s = 0; s < supervisors; s++) {
            int n = s;
            supTokens.add(pool.submit(() -> load.newUser(admin, "sup" + n, null, "project_group_manager")));
        }
        List<String> operatorTokens = new ArrayList<>();
        for (Future<String> f : opTokens) {
            operatorTokens.add(f.get());
        }
        List<String> supervisorTokens = new ArrayList<>();
        for (Future<String> f : supTokens) {
            supervisorTokens.add(f.get());
        }
        pool.shutdown();
        System.out.printf("set-up: %d operators in %d queues, %d supervisors in %.0f s%n", operators, QUEUES, supervisors,
                (System.nanoTime() - setup) / 1e9);

        // browsers read their sockets in parallel; a few JDK clients share the reading here
        ExecutorService listeners = Executors.newFixedThreadPool(4);
        HttpClient[] clients = new HttpClient[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().executor(listeners).build();
        }
        Histogram workstation = new ConcurrentHistogram(60_000, 3);
        Histogram supervisor = new ConcurrentHistogram(60_000, 3);
        Histogram wallboard = new ConcurrentHistogram(60_000, 3);
        AtomicLong ownEvents = new AtomicLong();
        AtomicLong callActions = new AtomicLong();
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> seenBySupervisor0 = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> seenOwn = new java.util.concurrent.ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        List<CompletableFuture<Void>> subscribed = new ArrayList<>();
        long connect = System.nanoTime();
        for (int i = 0; i < operatorTokens.size(); i++) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            subscribed.add(ack);
            sockets.add(load.open(clients[i % clients.length], operatorTokens.get(i), List.of("current_user_event"), ack,
                    frame -> {
                        if (frame.contains("\"call_action\"")) {
                            callActions.incrementAndGet();
                            return;
                        }
                        Matcher m = SINCE.matcher(frame);
                        Matcher u = USER.matcher(frame);
                        if (m.find() && u.find()) {
                            ownEvents.incrementAndGet();
                            seenOwn.computeIfAbsent(u.group(1), k -> new AtomicLong()).incrementAndGet();
                            workstation.recordValue(delay(Long.parseLong(m.group(1))));
                        }
                    }));
        }
        for (int i = 0; i < supervisorTokens.size(); i++) {
            boolean first = i == 0;
            CompletableFuture<Void> ack = new CompletableFuture<>();
            subscribed.add(ack);
            sockets.add(load.open(clients[i % clients.length], supervisorTokens.get(i),
                    List.of("on_user_status_changed", "wallboard"), ack, frame -> {
                        if (frame.contains("\"topic\":\"wallboard\"")) {
                            Matcher at = AT.matcher(frame);
                            if (at.find()) {
                                wallboard.recordValue(delay(java.time.Instant.parse(at.group(1)).toEpochMilli()));
                            }
                            return;
                        }
                        Matcher m = SINCE.matcher(frame);
                        if (m.find()) {
                            supervisor.recordValue(delay(Long.parseLong(m.group(1))));
                            Matcher u = USER.matcher(frame);
                            if (first && u.find()) {
                                seenBySupervisor0.computeIfAbsent(u.group(1), k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
        System.out.printf("%d workstations and %d supervisor views connected and subscribed in %.1f s%n",
                operatorTokens.size(), supervisorTokens.size(), (System.nanoTime() - connect) / 1e9);
        workstation.reset();
        supervisor.reset();
        wallboard.reset();
        ownEvents.set(0);
        seenOwn.clear();
        seenBySupervisor0.clear();

        String stats = SimTraffic.run(load.api, admin, QUEUES, perSecond, endpoints.toString(), 20, seconds,
                progress -> progress + ", " + ownEvents.get() + " own status events, " + callActions.get() + " call actions");
        Thread.sleep(3000); // the last frames
        sockets.forEach(WebSocket::abort);

        long mismatched = seenBySupervisor0.entrySet().stream()
                .filter(e -> seenOwn.getOrDefault(e.getKey(), new AtomicLong()).get() != e.getValue().get()).count();
        System.out.printf("status changes seen by a supervisor view %d, by the operators' own workstations %d; operators whose"
                        + " counts differ: %d (%s)%n", seenBySupervisor0.values().stream().mapToLong(AtomicLong::get).sum(),
                ownEvents.get(), mismatched, mismatched == 0 ? "none lost" : "MISMATCH");
        print("workstations (own status, current_user_event)", workstation);
        print("supervisor views (everyone's status, on_user_status_changed)", supervisor);
        print("supervisor views (wallboard snapshots, receive - at)", wallboard);
        System.out.printf("call_action frames to workstations: %d; final switch stats %s%n", callActions.get(), stats);
        System.exit(mismatched == 0 ? 0 : 1);
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s: %d frames, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static long delay(long sinceMillis) {
        return Math.min(59_999, Math.max(0, System.currentTimeMillis() - sinceMillis));
    }

    private WebSocket open(HttpClient client, String token, List<String> topics, CompletableFuture<Void> ack,
                           java.util.function.Consumer<String> onEvent) {
        return client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(base.replace("http", "ws") + "/websocket"), new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();
                    int acks;

                    @Override
                    public void onOpen(WebSocket ws) {
                        for (String t : topics) {
                            ws.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"" + t + "\"}", true).join();
                        }
                        ws.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            if (frame.startsWith("{\"type\":\"SUBSCRIBE\"")) {
                                if (++acks == topics.size()) {
                                    ack.complete(null);
                                }
                            } else if (frame.startsWith("{\"type\":\"EVENT\"")) {
                                onEvent.accept(frame);
                            } else if (frame.startsWith("{\"type\":\"ERROR\"")) {
                                ack.completeExceptionally(new IllegalStateException(frame));
                            }
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        ack.completeExceptionally(error);
                    }
                }).join();
    }

    /** A new user of the tenant with a role, past the first-sign-in password change; returns the token. */
    private String newUser(String adminToken, String login, String extension, String role) {
        String password = "Ws-Pass-" + System.nanoTime();
        api.send("POST", "/api/v1/users", adminToken, "{\"login\":\"" + login + "\",\"fullName\":\"User " + login + "\""
                + (extension == null ? "" : ",\"extension\":\"" + extension + "\"") + ",\"password\":\"" + password
                + "\",\"roles\":[\"" + role + "\"]}", 201);
        return api.passwordChanged("ws", login, password);
    }
}
