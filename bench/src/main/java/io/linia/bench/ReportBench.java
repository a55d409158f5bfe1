package io.linia.bench;

import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * REP-11 benchmark. Sets up a tenant over HTTP (5 queues, 200 operators), loads a year of
 * calls with realistic shapes straight into {@code call_legs} (COPY, as the embedded
 * superuser), working shifts and each answered call's ringing, talking and wrap-up into
 * {@code agent_state_log} (about three rows per call, as the ACD logs them), rebuilds the rollups through
 * the API, and then times the reports over HTTP: every aggregate report over the whole year and
 * over one month, a detail page at the start and deep inside the year, and an XLSX export of
 * about 100,000 rows.
 *
 * <p>Shapes: weekday factors (Monday busiest, Sunday quietest), an intraday curve peaking late
 * morning and mid-afternoon, queues taking 40/25/15/12/8 % of calls, 8 % abandons (exponential
 * patience), exponential waits, log-normal talks, 55 % ended by the caller, 40 % by the operator,
 * 5 % transferred to another queue (a second leg), 4 % rung once without an answer.
 *
 * <p>Usage: {@code ReportBench <baseUrl> <providerPassword> <jdbcUrl> <dbUser> <dbPassword> [calls]}
 */
public final class ReportBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final LocalDate YEAR = LocalDate.of(2025, 1, 1);
    private static final double[] WEEKDAY = {1.20, 1.15, 1.10, 1.10, 1.05, 0.80, 0.60};
    private static final double[] HOURLY = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 7.5, 6, 6.5, 7, 7, 6.5,
            5.5, 4, 3, 2, 1.5, 1, 0.5};
    private static final double[] QUEUE_SHARE = {0.40, 0.25, 0.15, 0.12, 0.08};
    private static final int[] QUEUE_SL = {20, 20, 30, 30, 60};
    private static final int AGENTS = 200;

    private final BenchHttp api;

    ReportBench(String base) {
        this.api = new BenchHttp(base, Duration.ofMinutes(30));
    }

    public static void main(String[] args) throws Exception {
        ReportBench bench = new ReportBench(args[0]);
        long calls = args.length > 5 ? Long.parseLong(args[5]) : 10_000_000L;

        String provider = bench.api.token("provider", "admin", args[1]);
        BenchHttp.Tenant big = bench.api.newTenant(provider, "big", "Europe/Moscow");
        String tenant = big.id();
        String admin = big.adminToken();
        String[] queues = new String[QUEUE_SHARE.length];
        for (int q = 0; q < queues.length; q++) {
            queues[q] = BenchHttp.id(bench.api.send("POST", "/api/v1/queues", admin, "{\"number\":\"" + (100 + q) + "\",\"name\":\"Очередь "
                    + (q + 1) + "\",\"serviceLevelSeconds\":" + QUEUE_SL[q] + "}", 201));
        }
        String[] agents = new String[AGENTS];
        for (int a = 0; a < AGENTS; a++) {
            agents[a] = BenchHttp.id(bench.api.send("POST", "/api/v1/users", admin, "{\"login\":\"op" + a + "\",\"fullName\":\"Оператор "
                    + a + "\",\"extension\":\"" + (2000 + a) + "\",\"roles\":[\"operator\"]}", 201));
        }

        long load = System.nanoTime();
        long legs;
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4])) {
            legs = generate(c, tenant, queues, agents, calls);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze call_legs");
                s.execute("vacuum analyze agent_state_log");
                try (var rs = s.executeQuery("select count(*) from agent_state_log")) {
                    rs.next();
                    System.out.printf("agent_state_log: %,d intervals%n", rs.getLong(1));
                }
            }
        }
        System.out.printf("loaded %,d calls (%,d legs) in %.0f s%n", calls, legs, (System.nanoTime() - load) / 1e9);
        // the load outlasts an idle session (SEC-4): sign in again
        admin = bench.api.token("big", "admin", big.adminPassword());
        long rebuild = System.nanoTime();
        String rebuilt = bench.api.send("POST", "/api/v1/reports/rollups/rebuild", admin, null, 200);
        System.out.printf("rollups rebuilt through the API in %.0f s: %s%n", (System.nanoTime() - rebuild) / 1e9, rebuilt);
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4]); Statement s = c.createStatement()) {
            s.execute("vacuum analyze report_rollup");
            s.execute("vacuum analyze report_agent_day_states");
        }
        BenchHttp.awaitGo();
        admin = bench.api.token("big", "admin", big.adminPassword()); // the wait may outlast an idle session (SEC-4)

        String yearRange = "from=2025-01-01&to=2026-01-01";
        String monthRange = "from=2025-06-01&to=2025-07-01";
        List<String> aggregates = List.of("summary", "queues", "operators", "completion", "service-level",
                "periods&group=month", "periods&group=day", "periods&group=hour", "agents");
        System.out.println("| report | year p50 | year max | month p50 | month max |");
        System.out.println("|---|---|---|---|---|");
        for (String report : aggregates) {
            String[] parts = report.split("&", 2);
            String extra = parts.length > 1 ? "&" + parts[1] : "";
            double[] year = bench.time(admin, "/api/v1/reports/" + parts[0] + "?" + yearRange + extra, 7);
            double[] month = bench.time(admin, "/api/v1/reports/" + parts[0] + "?" + monthRange + extra, 7);
            System.out.printf("| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", report, year[0], year[1], month[0], month[1]);
        }
        // REP-8 over a year whose ends are not midnights: whole days from the rollup, the ends from the log
        double[] raggedAgents = bench.time(admin, "/api/v1/reports/agents?from=2025-01-01T09:30&to=2025-12-31T17:45", 7);
        System.out.printf("| agents, year with ragged ends | %.0f ms | %.0f ms | | |%n", raggedAgents[0], raggedAgents[1]);
        // detail pages: the first page of the year, and a page five months deep (keyset)
        double[] firstPage = bench.time(admin, "/api/v1/reports/answered?" + yearRange + "&limit=100", 11);
        String mid = bench.api.send("GET", "/api/v1/reports/answered?from=2025-06-01&to=2026-01-01&limit=1", admin, null, 200);
        Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(mid);
        if (!next.find()) {
            throw new IllegalStateException("no cursor in " + mid);
        }
        double[] deepPage = bench.time(admin, "/api/v1/reports/answered?" + yearRange + "&limit=100&after="
                + URLEncoder.encode(next.group(1), StandardCharsets.UTF_8), 11);
        double[] lostPage = bench.time(admin, "/api/v1/reports/lost?" + yearRange + "&limit=100", 11);
        System.out.printf("| answered, first page of the year | %.0f ms | %.0f ms | | |%n", firstPage[0], firstPage[1]);
        System.out.printf("| answered, a page five months deep | %.0f ms | %.0f ms | | |%n", deepPage[0], deepPage[1]);
        System.out.printf("| lost, first page of the year | %.0f ms | %.0f ms | | |%n", lostPage[0], lostPage[1]);

        // XLSX of about 100,000 answered calls or more: four weekdays of March at ten million calls a
        // year, the whole year for small runs (with LINIA_JVM_OPTS=-Xmx… it shows the export streams)
        String exportRange = calls >= 5_000_000 ? "from=2025-03-10&to=2025-03-14" : yearRange;
        long exportStart = System.nanoTime();
        HttpResponse<java.io.InputStream> file = bench.api.http.send(HttpRequest.newBuilder(URI.create(bench.api.base
                        + "/api/v1/reports/answered?" + exportRange + "&format=xlsx")).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        long firstByte;
        try (java.io.InputStream in = file.body()) {
            int b = in.read();
            firstByte = System.nanoTime();
            bytes = (b < 0 ? 0 : 1) + in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
        String summary = bench.api.send("GET", "/api/v1/reports/summary?" + exportRange, admin, null, 200);
        Matcher answered = Pattern.compile("\"answered\":(\\d+)").matcher(summary);
        answered.find();
        System.out.printf("XLSX export of %s answered calls: %.1f s (first byte after %.2f s), %,d bytes, status %d%n",
                answered.group(1), exportSeconds, (firstByte - exportStart) / 1e9, bytes, file.statusCode());
    }

    /** Loads the calls day by day with COPY; returns the number of legs. */
    private static long generate(Connection c, String tenant, String[] queues, String[] agents, long calls)
            throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        SplittableRandom random = new SplittableRandom(20250101);
        double hourTotal = Arrays.stream(HOURLY).sum();
        int days = YEAR.lengthOfYear();
        long legs = 0;
        long made = 0;
        StringBuilder rows = new StringBuilder(1 << 22);
        StringBuilder shifts = new StringBuilder(1 << 20);
        for (int day = 0; day < days; day++) {
            LocalDate date = YEAR.plusDays(day);
            double factor = WEEKDAY[date.getDayOfWeek().getValue() - 1];
            long today = day == days - 1 ? calls - made : Math.round(calls / (double) days * factor);
            Instant midnight = date.atStartOfDay(ZONE).toInstant();
            for (long i = 0; i < today; i++) {
                double pick = random.nextDouble() * hourTotal;
                int hour = 0;
                while (hour < 23 && pick > HOURLY[hour]) {
                    pick -= HOURLY[hour];
                    hour++;
                }
                Instant entered = midnight.plusMillis((long) ((hour + random.nextDouble()) * 3_600_000));
                int queue = pickQueue(random);
                String callId = "gen-" + (made + i);
                String caller = "+79" + String.format("%09d", random.nextInt(1_000_000_000));
                legs += leg(rows, shifts, random, tenant, callId, 1, queues, queue, agents, caller, entered);
            }
            made += today;
            copy.copyIn("copy call_legs (tenant_id, call_id, leg, queue_id, caller, entered_at, position, agent_id,"
                    + " agent_number, connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by, ring_no_answer,"
                    + " sl_seconds, short_abandon_seconds) from stdin", reader(rows));
            rows.setLength(0);
            // working shifts: 09:00-18:00 with a lunch pause, five days in seven per operator
            for (int a = 0; a < agents.length; a++) {
                if ((day + a) % 7 >= 5) {
                    continue;
                }
                Instant nine = midnight.plus(Duration.ofHours(9));
                shift(shifts, tenant, agents[a], "FREE", null, nine, nine.plus(Duration.ofHours(4)));
                shift(shifts, tenant, agents[a], "PAUSED", "lunch", nine.plus(Duration.ofHours(4)), nine.plus(Duration.ofHours(5)));
                shift(shifts, tenant, agents[a], "FREE", null, nine.plus(Duration.ofHours(5)), nine.plus(Duration.ofHours(9)));
            }
            if (day % 7 == 6 || day == days - 1) {
                copy.copyIn("copy agent_state_log (tenant_id, user_id, state, reason, started_at, ended_at) from stdin",
                        reader(shifts));
                shifts.setLength(0);
                System.out.printf("  %s: %,d calls so far%n", date, made);
            }
        }
        return legs;
    }

    private static int pickQueue(SplittableRandom random) {
        double p = random.nextDouble();
        for (int q = 0; q < QUEUE_SHARE.length; q++) {
            p -= QUEUE_SHARE[q];
            if (p <= 0) {
                return q;
            }
        }
        return QUEUE_SHARE.length - 1;
    }

    /** One leg (and the leg it is transferred to); returns how many legs were written. */
    private static int leg(StringBuilder rows, StringBuilder states, SplittableRandom random, String tenant, String callId, int leg,
                           String[] queues, int queue, String[] agents, String caller, Instant entered) {
        int position = 1;
        while (random.nextDouble() < 0.35 && position < 30) {
            position++;
        }
        if (leg == 1 && random.nextDouble() < 0.08) {
            long wait = Math.min(900_000, (long) (-35_000 * Math.log(1 - random.nextDouble())));
            row(rows, tenant, callId, leg, queues[queue], caller, entered, position, null, null, null,
                    entered.plusMillis(wait), wait, null, "abandoned", null, 0, QUEUE_SL[queue]);
            return 1;
        }
        long wait = Math.min(600_000, (long) (-(leg == 1 ? 15_000 : 10_000) * Math.log(1 - random.nextDouble())));
        long talk = Math.min(3_600_000, (long) (150_000 * Math.exp(0.6 * random.nextGaussian() - 0.18)));
        int agent = queue * (agents.length / queues.length) + random.nextInt(agents.length / queues.length);
        double end = random.nextDouble();
        String endedBy = leg > 1 || end < 0.55 ? "caller" : end < 0.95 ? "agent" : "transfer";
        Instant connected = entered.plusMillis(wait);
        Instant ended = connected.plusMillis(talk);
        row(rows, tenant, callId, leg, queues[queue], caller, entered, position, agents[agent], String.valueOf(2000 + agent),
                connected, ended, wait, talk, "answered", endedBy, random.nextDouble() < 0.04 ? 1 : 0, QUEUE_SL[queue]);
        // the operator's states of a call as the ACD logs them (REP-8 reads these): ringing, talking, wrap-up
        shift(states, tenant, agents[agent], "RINGING", null, connected.minusSeconds(4), connected);
        shift(states, tenant, agents[agent], "TALKING", null, connected, ended);
        shift(states, tenant, agents[agent], "WRAP_UP", null, ended, ended.plusSeconds(10));
        if (endedBy.equals("transfer")) {
            int to = (queue + 1 + random.nextInt(queues.length - 1)) % queues.length;
            return 1 + leg(rows, states, random, tenant, callId, leg + 1, queues, to, agents, caller, ended);
        }
        return 1;
    }

    private static void row(StringBuilder b, String tenant, String callId, int leg, String queue, String caller,
                            Instant entered, int position, String agent, String agentNumber, Instant connected,
                            Instant ended, Long wait, Long talk, String outcome, String endedBy, int rna, int sl) {
        b.append(tenant).append('\t').append(callId).append('\t').append(leg).append('\t').append(queue).append('\t')
                .append(caller).append('\t').append(entered).append('\t').append(position).append('\t')
                .append(agent == null ? "\\N" : agent).append('\t').append(agentNumber == null ? "\\N" : agentNumber)
                .append('\t').append(connected == null ? "\\N" : connected.toString()).append('\t').append(ended)
                .append('\t').append(wait).append('\t').append(talk == null ? "\\N" : talk.toString()).append('\t')
                .append(outcome).append('\t').append(endedBy == null ? "\\N" : endedBy).append('\t').append(rna)
                .append('\t').append(sl).append('\t').append(5).append('\n');
    }

    private static void shift(StringBuilder b, String tenant, String agent, String state, String reason, Instant from,
                              Instant to) {
        b.append(tenant).append('\t').append(agent).append('\t').append(state).append('\t')
                .append(reason == null ? "\\N" : reason).append('\t').append(from).append('\t').append(to).append('\n');
    }

    private static Reader reader(StringBuilder b) {
        return new StringReader(b.toString());
    }

    /** Median and maximum milliseconds of {@code runs} GETs after one warm-up. */
    private double[] time(String token, String path, int runs) {
        api.send("GET", path, token, null, 200);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            api.send("GET", path, token, null, 200);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[runs - 1]};
    }



}
