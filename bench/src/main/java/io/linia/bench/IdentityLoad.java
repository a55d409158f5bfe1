package io.linia.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Measures, against a running Linia on loopback filled by {@link IdentityDataGenerator}:
 * sign-in ({@code POST /api/v1/auth/token}) and user search within a tenant
 * ({@code GET /api/v1/users?q=…&limit=20}) in the largest tenant and in small ones.
 * Bounded request counts, warm-up excluded; prints p50/p90/p99/max and throughput.
 *
 * <p>Usage: {@code IdentityLoad <baseUrl> <userPassword> [searchRequests]}
 */
public final class IdentityLoad {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(lin_[^\"]+)\"");
    private static final String[] QUERIES = {"иван", "петров", "smith", "ова", "nikolaev", "ser", "анна", "orlov.1",
            "ольга", "lee", "козлов", "mar"};

    private final String base;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IdentityLoad(String base, String password) {
        this.base = base;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        IdentityLoad load = new IdentityLoad(args[0], args[1]);
        int searches = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        System.out.printf("%-44s %6s %8s %8s %8s %8s %9s%n", "scenario", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s");

        load.run("sign-in, 1 client", 1, 20, 100, i -> load.signIn("bench" + (100 + i % 5000)));
        load.run("sign-in, 4 clients", 4, 20, 200, i -> load.signIn("bench" + (200 + i % 5000)));

        String big = load.token("bench0");
        List<String> small = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            small.add(load.token("bench" + (1000 + t * 997)));
        }
        for (int clients : new int[] {1, 8}) {
            load.run("search, tenant of 50,000 users, " + clients + " client(s)", clients, 200, searches,
                    i -> load.search(big, QUERIES[i % QUERIES.length]));
            load.run("search, tenants of 1-15 users, " + clients + " client(s)", clients, 200, searches,
                    i -> load.search(small.get(i % small.size()), QUERIES[i % QUERIES.length]));
        }
    }

    private int signIn(String tenant) {
        return post("/api/v1/auth/token", "{\"tenant\":\"" + tenant + "\",\"login\":\"admin\",\"password\":\"" + password + "\"}").statusCode();
    }

    private String token(String tenant) {
        HttpResponse<String> r = post("/api/v1/auth/token",
                "{\"tenant\":\"" + tenant + "\",\"login\":\"admin\",\"password\":\"" + password + "\"}");
        Matcher m = TOKEN.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("sign-in to " + tenant + " failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private int search(String token, String q) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users?limit=20&q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code warmup + count} calls on {@code clients} threads; records only the last {@code count}. */
    private void run(String name, int clients, int warmup, int count, IntFunction<Integer> call) throws Exception {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        int total = warmup + count;
        long[] window = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    if (i == warmup) {
                        window[0] = System.nanoTime();
                    }
                    long t0 = System.nanoTime();
                    int status = call.apply(i);
                    long took = System.nanoTime() - t0;
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                    if (i >= warmup) {
                        synchronized (histogram) {
                            histogram.recordValue(took);
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        window[1] = System.nanoTime();
        pool.shutdown();
        double seconds = (window[1] - window[0]) / 1e9;
        System.out.printf("%-44s %6d %8.2f %8.2f %8.2f %8.2f %9.0f%s%n", name, histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), count / seconds,
                failures.get() > 0 ? "  (" + failures.get() + " non-200)" : "");
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
