package io.linia.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * WebSocket fan-out (issue 3 performance, RT-3..5): {@code clients} WebSocket connections of one
 * tenant, each subscribed to {@code on_user_status_changed}, while {@code operators} operators
 * switch between FREE and PAUSED through the workstation API at {@code changesPerSecond} in all.
 * Every client measures every status event's delivery: receive time − the event's {@code since}
 * (the instant the ACD took the change; one clock on one host). At the end it checks that every
 * client received every change (none lost) and prints p50/p90/p99/max.
 *
 * <p>Usage: {@code FanoutLoad <baseUrl> <providerPassword> [clients] [changesPerSecond] [seconds]}
 */
public final class FanoutLoad {

    private static final Pattern SINCE = Pattern.compile("\"since\":(\\d+)");
    private static final int OPERATORS = 20;

    private final String base;
    private final BenchHttp api;

    FanoutLoad(String base) {
        this.base = base;
        this.api = new BenchHttp(base, Duration.ofSeconds(60));
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String providerPassword = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        double perSecond = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        FanoutLoad load = new FanoutLoad(base);

        String provider = load.api.token("provider", "admin", providerPassword);
        String admin = load.api.newTenant(provider, "fan", "UTC").adminToken();
        String queue = BenchHttp.id(load.api.send("POST", "/api/v1/queues", admin,
                "{\"number\":\"100\",\"name\":\"Fan-out\"}", 201));
        List<String> operators = new ArrayList<>();
        for (int i = 0; i < OPERATORS; i++) {
            String token = load.newOperator(admin, "op" + i);
            load.api.send("PUT", "/api/v1/agent/queues/" + queue, token, null, 200);
            load.api.send("PUT", "/api/v1/agent/state", token, "{\"state\":\"PAUSED\",\"reason\":\"meeting\"}", 200);
            operators.add(token);
        }

        // the JDK reads every connection of one HttpClient on one selector thread; 10,000 browsers
        // would read in parallel, so the connections are spread over a few clients
        java.util.concurrent.ExecutorService listeners = Executors.newFixedThreadPool(4);
        HttpClient[] wsClients = new HttpClient[4];
        for (int i = 0; i < wsClients.length; i++) {
            wsClients[i] = HttpClient.newBuilder().executor(listeners).build();
        }
        Histogram delivery = new ConcurrentHistogram(60_000, 3);
        AtomicLong received = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        Semaphore opening = new Semaphore(64);
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        CompletableFuture<?>[] subscribed = new CompletableFuture<?>[clients];
        long connect = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            opening.acquire();
            CompletableFuture<Void> ack = new CompletableFuture<>();
            subscribed[c] = ack;
            pending.add(wsClients[c % wsClients.length].newWebSocketBuilder().header("Authorization", "Bearer " + admin)
                    .buildAsync(URI.create(base.replace("http", "ws") + "/websocket"), listener(ack, delivery, received))
                    .whenComplete((ws, e) -> opening.release()));
        }
        for (CompletableFuture<WebSocket> p : pending) {
            sockets.add(p.join());
        }
        CompletableFuture.allOf(subscribed).join();
        System.out.printf("%d clients connected and subscribed in %.1f s%n", clients, (System.nanoTime() - connect) / 1e9);

        long changes = 0;
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / perSecond);
        boolean[] free = new boolean[OPERATORS];
        for (long due = start; due < start + seconds * 1_000_000_000L; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int op = (int) (changes % OPERATORS);
            free[op] = !free[op];
            load.api.send("PUT", "/api/v1/agent/state", operators.get(op), free[op]
                    ? "{\"state\":\"FREE\"}" : "{\"state\":\"PAUSED\",\"reason\":\"meeting\"}", 200);
            changes++;
        }
        double took = (System.nanoTime() - start) / 1e9;
        long expected = changes * clients;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        sockets.forEach(WebSocket::abort);
        System.out.printf("%d status changes in %.1f s (%.1f/s) to %d clients: %d frames expected, %d received (%s)%n",
                changes, took, changes / took, clients, expected, received.get(),
                received.get() == expected ? "none lost" : "MISMATCH");
        System.out.printf("delivery: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%.0f frames/s)%n",
                delivery.getValueAtPercentile(50), delivery.getValueAtPercentile(90),
                delivery.getValueAtPercentile(99), delivery.getMaxValue(), expected / took);
        System.exit(received.get() == expected ? 0 : 1);
    }

    private static WebSocket.Listener listener(CompletableFuture<Void> ack, Histogram delivery, AtomicLong received) {
        return new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket ws) {
                ws.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}", true);
                ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                long now = System.currentTimeMillis();
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.startsWith("{\"type\":\"SUBSCRIBE\"")) {
                        ack.complete(null);
                    } else {
                        Matcher m = SINCE.matcher(frame);
                        if (frame.contains("\"EVENT\"") && m.find()) {
                            received.incrementAndGet();
                            delivery.recordValue(Math.min(59_999, Math.max(0, now - Long.parseLong(m.group(1)))));
                        }
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                ack.completeExceptionally(error);
            }
        };
    }

    /** A new operator in the caller's tenant, past the first-sign-in password change; returns the token. */
    private String newOperator(String adminToken, String login) {
        String password = "Fan-Pass-" + System.nanoTime();
        api.send("POST", "/api/v1/users", adminToken, "{\"login\":\"" + login + "\",\"fullName\":\"Operator " + login
                + "\",\"password\":\"" + password + "\",\"roles\":[\"operator\"]}", 201);
        return api.passwordChanged("fan", login, password);
    }



}
