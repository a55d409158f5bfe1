package io.linia.bench;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The whole node on the simulated switch (issue 3 performance): a tenant with {@code agents}
 * virtual agents in 20 queues, Poisson traffic of {@code callsPerSecond} for {@code seconds},
 * a WebSocket client on {@code on_user_status_changed} measuring event-to-WebSocket delivery
 * (receive time − the event's {@code since}, one clock on one host), then, after the traffic
 * stops and the calls drain: every placed call is stored with an outcome (answered + missed =
 * placed), and the answered calls seen live on the WebSocket (agents going TALKING) equal
 * the stored ones.
 *
 * <p>Usage: {@code NodeLoad <baseUrl> <providerPassword> [agents] [callsPerSecond] [seconds]}
 */
public final class NodeLoad {

    private static final int QUEUES = 20;

    private final String base;
    private final BenchHttp api;

    NodeLoad(String base) {
        this.base = base;
        this.api = new BenchHttp(base, Duration.ofSeconds(60));
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String providerPassword = args[1];
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        double perSecond = args.length > 3 ? Double.parseDouble(args[3]) : 100;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 600;
        NodeLoad load = new NodeLoad(base);

        String provider = load.api.token("provider", "admin", providerPassword);
        String admin = load.api.newTenant(provider, "load", "UTC").adminToken();

        long setup = System.nanoTime();
        List<String> queues = SimTraffic.queues(load.api, admin, QUEUES);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> created = new ArrayList<>();
        StringBuilder endpoints = new StringBuilder();
        for (int a = 0; a < agents; a++) {
            int n = a;
            String extension = String.valueOf(10000 + n);
            endpoints.append(a == 0 ? "" : ",").append('"').append(extension).append('"');
            created.add(pool.submit(() -> {
                String user = BenchHttp.id(load.api.send("POST", "/api/v1/users", admin, "{\"login\":\"agent" + n
                        + "\",\"fullName\":\"Agent " + n + "\",\"extension\":\"" + extension
                        + "\",\"roles\":[\"operator\"]}", 201));
                load.api.send("PUT", "/api/v1/queues/" + queues.get(n % QUEUES) + "/members/" + user, admin, null, 204);
                return null;
            }));
        }
        for (Future<?> f : created) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("set-up: %d agents in %d queues in %.0f s%n", agents, QUEUES, (System.nanoTime() - setup) / 1e9);

        Histogram delivery = new Histogram(60_000, 3);
        AtomicLong talking = new AtomicLong();
        AtomicLong received = new AtomicLong();
        WebSocket ws = load.subscribe(admin, delivery, talking, received);

        // 15 s talks: 100 calls/s offer 1,500 Erlangs to 2,000 agents
        String stats = SimTraffic.run(load.api, admin, QUEUES, perSecond, endpoints.toString(), 15, seconds,
                progress -> progress + ", " + received.get() + " status events");
        Thread.sleep(2000); // the last WebSocket frames
        ws.abort();

        String rt1 = load.api.send("GET", "/calls/statistics/current?scope=tenant", admin, null, 200);
        long placed = number(stats, "placed");
        long incoming = number(rt1, "incoming");
        long missed = number(rt1, "missed");
        System.out.printf("calls placed %d, stored answered %d + missed %d = %d (%s); still active: %s%n", placed, incoming,
                missed, incoming + missed, placed == incoming + missed ? "none lost" : "MISMATCH", stats);
        System.out.printf("answered seen live on the WebSocket (agents going TALKING) %d vs stored %d (%s)%n",
                talking.get(), incoming, talking.get() == incoming ? "equal" : "MISMATCH");
        System.out.printf("event-to-WebSocket delivery over %d status events: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                delivery.getTotalCount(), delivery.getValueAtPercentile(50), delivery.getValueAtPercentile(90),
                delivery.getValueAtPercentile(99), delivery.getMaxValue());
    }

    private WebSocket subscribe(String token, Histogram delivery, AtomicLong talking, AtomicLong received) {
        return StatusFeed.subscribe(base, token, (frame, ms) -> {
            received.incrementAndGet();
            delivery.recordValue(ms);
            if (frame.contains("\"state\":\"TALKING\"")) {
                talking.incrementAndGet();
            }
        });
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

}
