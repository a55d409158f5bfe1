package io.linia.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEL-4 benchmark: writes a queue_log of LINES lines (a year of a 100-operator contact centre
 * on 5 queues, as Asterisk 22 writes it: members added each morning and removed each evening,
 * pauses with reasons, answered calls with the odd unanswered ring, transfers to another queue,
 * abandons, timeouts and empty-queue exits), then imports it through the API of a fresh node
 * by path and reports the time from the request to the import's end, and the same again for a
 * second import of the same file (every call already stored).
 *
 * <p>Usage: {@code QueueLogBench <baseUrl> <providerPassword> <dir> [lines]}
 */
public final class QueueLogBench {

    static final String[] QUEUES = {"support", "sales", "billing", "400", "vip"};
    static final double[] QUEUE_SHARE = {0.4, 0.25, 0.2, 0.1, 0.05};
    static final int AGENTS = 100;
    private static final Pattern FIELD = Pattern.compile("\"(status|calls|callsAlreadyStored|lines|malformedLines|callsWithoutEnd|stateIntervals|error)\":(\"[^\"]*\"|[0-9]+|null)");

    private record Line(long at, long seq, String text) implements Comparable<Line> {
        @Override
        public int compareTo(Line o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchHttp api = new BenchHttp(args[0], java.time.Duration.ofMinutes(5));
        Path dir = Path.of(args[2]);
        long lines = args.length > 3 ? Long.parseLong(args[3]) : 10_000_000L;
        Files.createDirectories(dir);
        Path file = dir.resolve("queue_log");
        long t0 = System.nanoTime();
        long[] written = write(file, lines);
        System.out.printf("wrote %,d lines (%,d calls, %,d MB) in %.0f s%n", written[0], written[1],
                Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9);

        String provider = api.token("provider", "admin", args[1]);
        BenchHttp.Tenant big = api.newTenant(provider, "big", "Europe/Moscow");
        String admin = big.adminToken();
        for (int a = 0; a < AGENTS; a++) {
            api.send("POST", "/api/v1/users", admin, "{\"login\":\"op" + a + "\",\"fullName\":\"Оператор " + a
                    + "\",\"extension\":\"" + (2000 + a) + "\",\"roles\":[\"operator\"]}", 201);
        }
        for (String pass : new String[] {"first import", "same file again"}) {
            long start = System.nanoTime();
            String id = BenchHttp.id(api.send("POST", "/api/v1/history/imports", admin,
                    "{\"path\":\"" + file.toAbsolutePath() + "\"}", 202));
            String body;
            while (true) {
                body = api.send("GET", "/api/v1/history/imports/" + id, admin, null, 200);
                if (!body.contains("\"status\":\"queued\"") && !body.contains("\"status\":\"running\"")) {
                    break;
                }
                Thread.sleep(200);
            }
            double s = (System.nanoTime() - start) / 1e9;
            StringBuilder fields = new StringBuilder();
            Matcher m = FIELD.matcher(body);
            while (m.find()) {
                fields.append(' ').append(m.group(1)).append('=').append(m.group(2));
            }
            System.out.printf("%s: %.1f s, %,.0f lines/s;%s%n", pass, s, written[0] / s, fields);
        }
        String summary = api.send("GET", "/api/v1/reports/summary?from=2025-01-01&to=2026-01-01", admin, null, 200);
        System.out.println("summary of 2025: " + summary.substring(0, Math.min(400, summary.length())));
    }

    /** Writes the file; returns {lines, calls}. */
    static long[] write(Path file, long target) throws IOException {
        SplittableRandom random = new SplittableRandom(2025);
        long year = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        // about 3.4 lines a call: spread the calls evenly over the year
        long calls = Math.max(1, target * 10 / 34);
        double gap = 365.0 * 86400 / calls;
        PriorityQueue<Line> pending = new PriorityQueue<>();
        long seq = 0;
        long written = 0;
        long made = 0;
        int day = -1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long c = 0; written + pending.size() < target; c++) {
                long at = year + (long) (c * gap);
                int today = (int) ((at - year) / 86400);
                if (today != day) {
                    day = today;
                    long morning = year + today * 86400L + 5 * 3600;
                    for (int a = 0; a < AGENTS; a++) {
                        String agent = "PJSIP/" + (2000 + a);
                        String queue = QUEUES[a % QUEUES.length];
                        pending.add(new Line(morning - 60, seq++, (morning - 60) + "|MANAGER|" + queue + "|" + agent + "|ADDMEMBER|"));
                        long lunch = morning + 4 * 3600 + random.nextInt(3600);
                        pending.add(new Line(lunch, seq++, lunch + "|NONE|" + queue + "|" + agent + "|PAUSE|Обед"));
                        pending.add(new Line(lunch + 1800, seq++, (lunch + 1800) + "|NONE|" + queue + "|" + agent + "|UNPAUSE|"));
                        long evening = morning + 16 * 3600 + 600;
                        pending.add(new Line(evening, seq++, evening + "|MANAGER|" + queue + "|" + agent + "|REMOVEMEMBER|"));
                    }
                }
                while (!pending.isEmpty() && pending.peek().at <= at) {
                    out.write(pending.poll().text);
                    out.write('\n');
                    written++;
                }
                String id = at + "." + c;
                double pick = random.nextDouble();
                int q = 0;
                for (double acc = QUEUE_SHARE[0]; pick > acc && q < QUEUES.length - 1; acc += QUEUE_SHARE[++q]) {
                }
                String caller = "+7495" + (1_000_000 + random.nextInt(9_000_000));
                seq = call(pending, random, seq, id, QUEUES[q], caller, at, 1);
                made++;
            }
            while (!pending.isEmpty()) {
                out.write(pending.poll().text);
                out.write('\n');
                written++;
            }
        }
        return new long[] {written, made};
    }

    private static long call(PriorityQueue<Line> pending, SplittableRandom random, long seq, String id, String queue,
                             String caller, long at, int position) {
        pending.add(new Line(at, seq++, at + "|" + id + "|" + queue + "|NONE|ENTERQUEUE||" + caller + "|" + position));
        double fate = random.nextDouble();
        long wait = (long) (-15 * Math.log(1 - random.nextDouble()));
        if (fate < 0.09) {
            pending.add(new Line(at + wait, seq++, (at + wait) + "|" + id + "|" + queue + "|NONE|ABANDON|1|" + position + "|" + wait));
            return seq;
        }
        if (fate < 0.10) {
            pending.add(new Line(at + 300, seq++, (at + 300) + "|" + id + "|" + queue + "|NONE|EXITWITHTIMEOUT|1|" + position + "|300"));
            return seq;
        }
        String agent = "PJSIP/" + (2000 + random.nextInt(AGENTS));
        if (random.nextDouble() < 0.1) {
            String other = "PJSIP/" + (2000 + random.nextInt(AGENTS));
            long rang = Math.min(wait, 15);
            pending.add(new Line(at + rang, seq++, (at + rang) + "|" + id + "|" + queue + "|" + other + "|RINGNOANSWER|15000"));
        }
        long talk = (long) (150 * Math.exp(0.5 * random.nextGaussian() - 0.125));
        long connect = at + wait;
        pending.add(new Line(connect, seq++, connect + "|" + id + "|" + queue + "|" + agent + "|CONNECT|" + wait + "|" + id + "1|2"));
        long end = connect + talk;
        double how = random.nextDouble();
        if (how < 0.03 && position == 1) {
            pending.add(new Line(end, seq++, end + "|" + id + "|" + queue + "|" + agent + "|BLINDTRANSFER|401|from-queue|"
                    + wait + "|" + talk + "|" + position));
            return call(pending, random, seq, id, "400".equals(queue) ? "support" : "400", caller, end + 1, 2);
        }
        pending.add(new Line(end, seq++, end + "|" + id + "|" + queue + "|" + agent + "|"
                + (how < 0.55 ? "COMPLETECALLER" : "COMPLETEAGENT") + "|" + wait + "|" + talk + "|" + position));
        return seq;
    }
}
