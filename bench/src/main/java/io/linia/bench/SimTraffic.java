package io.linia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the whole-node load tools share on the simulated switch (TEL-5): queues numbered from 100,
 * Poisson traffic spread evenly over them with virtual endpoints answering, run for a while on
 * real time with a line of progress a minute, then stopped and drained.
 */
final class SimTraffic {

    private SimTraffic() {
    }

    /** {@code count} queues numbered 100, 101, … with a 20 s ring time and no pause on no answer; their ids. */
    static List<String> queues(BenchHttp api, String admin, int count) {
        List<String> ids = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            ids.add(BenchHttp.id(api.send("POST", "/api/v1/queues", admin, "{\"number\":\"" + (100 + q)
                    + "\",\"name\":\"Queue " + q + "\",\"ringTimeoutSeconds\":20,\"pauseOnNoAnswer\":false}", 201)));
        }
        return ids;
    }

    /**
     * Starts a traffic profile of {@code perSecond} calls in all over the {@code queues} queues
     * (patience 120 s on average), answered by {@code endpoints} (a JSON list of extensions) after
     * 1 s of ringing and talking {@code meanTalkSeconds} on average; runs it for {@code seconds},
     * printing {@code progress} of the switch's stats every minute; stops it and waits (at most
     * 3 min) until no call is active. Returns the switch's last stats.
     */
    static String run(BenchHttp api, String admin, int queues, double perSecond, String endpoints, int meanTalkSeconds,
                      int seconds, Function<String, String> progress) throws InterruptedException {
        StringBuilder streams = new StringBuilder();
        for (int q = 0; q < queues; q++) {
            streams.append(q == 0 ? "" : ",").append("{\"dialled\":\"").append(100 + q).append("\",\"callsPerHour\":")
                    .append(perSecond * 3600 / queues).append(",\"meanPatienceSeconds\":120}");
        }
        api.send("POST", "/api/v1/sim/traffic", admin, "{\"streams\":[" + streams + "],\"virtualEndpoints\":[" + endpoints
                + "],\"ringDelaySeconds\":1,\"meanTalkSeconds\":" + meanTalkSeconds + ",\"seed\":7}", 200);
        // a load tool paces itself on the real clock: the node under test runs on real time
        long start = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(Math.max(0, start + s * 1_000_000_000L - System.nanoTime()) / 1_000_000);
            if (s % 60 == 0) {
                System.out.printf("  %4d s: %s%n", s, progress.apply(api.send("GET", "/api/v1/sim/stats", admin, null, 200)));
            }
        }
        api.send("DELETE", "/api/v1/sim/traffic", admin, null, 204);
        long drain = System.nanoTime();
        String stats;
        do {
            Thread.sleep(1000);
            stats = api.send("GET", "/api/v1/sim/stats", admin, null, 200);
        } while (!stats.contains("\"active\":0") && System.nanoTime() - drain < 180_000_000_000L);
        return stats;
    }
}
