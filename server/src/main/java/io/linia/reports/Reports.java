package io.linia.reports;

import io.linia.acd.ReportFacts;
import io.linia.identity.TenantService;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.reporting.ReportTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.linia.platform.reporting.ReportTable.dateTime;
import static io.linia.platform.reporting.ReportTable.number;
import static io.linia.platform.reporting.ReportTable.percent;
import static io.linia.platform.reporting.ReportTable.seconds;
import static io.linia.platform.reporting.ReportTable.text;

/**
 * The inbound report set (REP-1..8). Aggregate reports read the quarter-hour rollups for the
 * whole quarter-hours of the range and the call legs for its ragged edges (or all of it when
 * a caller number filters), and add both up with the same SQL; detail reports page through the
 * legs by keyset ({@code entered_at, call_id, leg}). A leg belongs to the range by the instant
 * the call entered the queue.
 */
@Service
@Transactional(readOnly = true)
public class Reports {

    /** Every report's name, as in {@code /api/v1/reports/{report}}. */
    public static final List<String> NAMES = List.of("answered", "lost", "summary", "operators", "queues", "completion",
            "service-level", "periods", "agents");
    /** The longest range a report covers: a leap year and a margin. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    public static final int MAX_PAGE = 1000;

    private static final Duration QUARTER = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final ReportSettingsService settings;
    private final Clock clock;

    Reports(JdbcClient jdbc, TenantService tenants, ReportSettingsService settings, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the request

    /**
     * Checks and resolves a report's parameters. {@code from}/{@code to} are dates or local
     * date-times in the tenant's zone ({@code to} excluded; a date alone means its start);
     * the default is today.
     */
    public ReportRequest request(TenantId tenant, String from, String to, List<String> queues, List<String> agents,
                                 String caller, String group, String after, Integer limit) {
        ZoneId zone = ZoneId.of(tenants.get(tenant).timeZone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant start = from == null || from.isBlank() ? today.atStartOfDay(zone).toInstant() : instant(from, zone, "from");
        Instant end = to == null || to.isBlank() ? today.plusDays(1).atStartOfDay(zone).toInstant() : instant(to, zone, "to");
        if (!end.isAfter(start)) {
            throw new InvalidInputException("range_end_before_start", "to", "The range ends after it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("range_too_long", "to", "A report covers at most " + MAX_RANGE.toDays() + " days");
        }
        List<UUID> queueIds = ids(queues, "queue");
        List<UUID> agentIds = ids(agents, "agent");
        if (!queueIds.isEmpty()) {
            List<UUID> known = jdbc.sql("select id from acd_queues where tenant_id = ? and id = any(?)")
                    .params(tenant.value(), queueIds.toArray(UUID[]::new)).query(UUID.class).list();
            queueIds.stream().filter(q -> !known.contains(q)).findFirst().ifPresent(q -> {
                throw new InvalidInputException("unknown_queue", "queue", "No queue " + q);
            });
        }
        if (!agentIds.isEmpty()) {
            List<UUID> known = jdbc.sql("select id from users where tenant_id = ? and id = any(?)")
                    .params(tenant.value(), agentIds.toArray(UUID[]::new)).query(UUID.class).list();
            agentIds.stream().filter(a -> !known.contains(a)).findFirst().ifPresent(a -> {
                throw new InvalidInputException("unknown_agent", "agent", "No operator " + a);
            });
        }
        String digits = caller == null || caller.isBlank() ? null : caller.strip();
        if (digits != null && !digits.matches("\\+?[0-9]{1,32}")) {
            throw new InvalidInputException("format", "caller", "A caller number is digits, optionally after +");
        }
        ReportRequest.Grouping grouping;
        try {
            grouping = group == null || group.isBlank() ? ReportRequest.Grouping.DAY
                    : ReportRequest.Grouping.valueOf(group.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown_group", "group", "Group by hour, day or month");
        }
        int pageSize = limit == null ? 100 : limit;
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new InvalidInputException("out_of_range", "limit", "A page has 1 to " + MAX_PAGE + " rows");
        }
        if (after != null && !after.isBlank()) {
            Cursor.decode(after); // refused here rather than half-way through an export
        }
        return new ReportRequest(start, end, zone, queueIds, agentIds, digits, grouping,
                after == null || after.isBlank() ? null : after, pageSize);
    }

    private static Instant instant(String value, ZoneId zone, String field) {
        try {
            String v = value.strip();
            LocalDateTime local = v.length() <= 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
            return local.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("format", field, "A date (2026-11-01) or a local date-time (2026-11-01T08:30)");
        }
    }

    private static List<UUID> ids(List<String> values, String field) {
        List<UUID> ids = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String part : v.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    ids.add(UUID.fromString(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("format", field, "Not an id: " + part.strip());
                }
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------ the reports

    /** Runs a report by name (one page of a detail report). */
    public ReportTable run(TenantId tenant, String report, ReportRequest r) {
        return switch (report) {
            case "answered" -> answered(tenant, r);
            case "lost" -> lost(tenant, r);
            case "summary" -> summary(tenant, r);
            case "operators" -> operators(tenant, r);
            case "queues" -> queues(tenant, r);
            case "completion" -> completion(tenant, r);
            case "service-level" -> serviceLevel(tenant, r);
            case "periods" -> periods(tenant, r);
            case "agents" -> agents(tenant, r);
            default -> throw new NotFoundException("Unknown report '" + report + "'; reports: " + String.join(", ", NAMES));
        };
    }

    /**
     * Every row of a report, page after page, for exports: detail reports are read by keyset
     * so memory stays flat however many rows there are.
     */
    public void each(TenantId tenant, String report, ReportRequest r, Consumer<ReportTable> page) {
        ReportRequest next = new ReportRequest(r.from(), r.to(), r.zone(), r.queues(), r.agents(), r.caller(), r.group(),
                r.after(), MAX_PAGE);
        while (true) {
            ReportTable t = run(tenant, report, next);
            page.accept(t);
            if (t.next() == null) {
                return;
            }
            next = new ReportRequest(r.from(), r.to(), r.zone(), r.queues(), r.agents(), r.caller(), r.group(), t.next(),
                    MAX_PAGE);
        }
    }

    /** REP-1: answered calls, one row per queue leg an operator took. */
    ReportTable answered(TenantId tenant, ReportRequest r) {
        List<ReportTable.Column> columns = List.of(dateTime("enteredAt"), text("queueNumber"), text("queueName"),
                text("agentNumber"), text("agentName"), text("caller"), seconds("wait"), seconds("talk"),
                number("position"), text("endedBy"), text("callId"));
        return detail(tenant, r, "answered", "l.outcome = 'answered'", columns, (rs, zone) -> List.of(
                local(rs.getTimestamp("entered_at"), zone), nz(rs.getString("queue_number")), nz(rs.getString("queue_name")),
                nz(rs.getString("agent_number")), nz(rs.getString("agent_name")), nz(rs.getString("caller")),
                Metrics.seconds(rs.getLong("wait_ms")), Metrics.seconds(rs.getLong("talk_ms")), rs.getLong("position"),
                nz(rs.getString("ended_by")), rs.getString("call_id")));
    }

    /** REP-2: lost calls (the caller hung up while waiting). */
    ReportTable lost(TenantId tenant, ReportRequest r) {
        List<ReportTable.Column> columns = List.of(dateTime("enteredAt"), text("queueNumber"), text("queueName"),
                text("caller"), seconds("wait"), number("position"), text("callId"));
        ReportSettings s = settings.get(tenant);
        String condition = "l.outcome = 'abandoned'"
                + (s.excludeShortAbandons() ? " and l.wait_ms >= l.short_abandon_seconds * 1000" : "");
        return detail(tenant, r, "lost", condition, columns, (rs, zone) -> List.of(
                local(rs.getTimestamp("entered_at"), zone), nz(rs.getString("queue_number")), nz(rs.getString("queue_name")),
                nz(rs.getString("caller")), Metrics.seconds(rs.getLong("wait_ms")), rs.getLong("position"),
                rs.getString("call_id")));
    }

    /** REP-3 with the REP-10 metrics of the range. */
    ReportTable summary(TenantId tenant, ReportRequest r) {
        ReportSettings s = settings.get(tenant);
        Figures f = aggregate(tenant, r, null).getOrDefault(null, empty());
        List<ReportTable.Column> columns = List.of(number("offered"), number("answered"), number("lost"),
                number("shortAbandoned"), number("timedOut"), number("overflowed"), number("maxQueueLength"),
                seconds("talkTotal"), seconds("talkAverage"), seconds("talkMin"), seconds("talkMax"),
                seconds("answeredWaitTotal"), seconds("answeredWaitAverage"), seconds("answeredWaitMin"),
                seconds("answeredWaitMax"), seconds("lostWaitTotal"), seconds("lostWaitAverage"), seconds("lostWaitMin"),
                seconds("lostWaitMax"), percent("serviceLevel"), percent("abandonRate"), seconds("asa"), seconds("aht"));
        List<Object> row = Arrays.asList(Metrics.offered(f, s), f.answered(), Metrics.lost(f, s), f.shortAbandoned(),
                f.timedOut(), f.overflowed(), f.maxPosition(), Metrics.seconds(f.talkSum()), Metrics.aht(f),
                Metrics.seconds(f.talkMin()), Metrics.seconds(f.talkMax()), Metrics.seconds(f.answeredWaitSum()),
                Metrics.asa(f), Metrics.seconds(f.answeredWaitMin()), Metrics.seconds(f.answeredWaitMax()),
                Metrics.seconds(f.lostWaitSum()), Metrics.averageSeconds(f.lostWaitSum(), f.abandoned()),
                Metrics.seconds(f.lostWaitMin()), Metrics.seconds(f.lostWaitMax()), Metrics.serviceLevel(f, s),
                Metrics.abandonRate(f, s), Metrics.asa(f), Metrics.aht(f));
        return new ReportTable("summary", columns, List.of(row), null);
    }

    /** REP-4 per operator: answered, total wait and total talk of the calls they took. */
    ReportTable operators(TenantId tenant, ReportRequest r) {
        return perOperator(tenant, r, "operators", List.of(number("answered"), seconds("waitTotal"), seconds("talkTotal")),
                f -> List.of(f.answered(), Metrics.seconds(f.answeredWaitSum()), Metrics.seconds(f.talkSum())));
    }

    /** REP-4 per queue: answered, total wait and total talk — and lost and service level beside them. */
    ReportTable queues(TenantId tenant, ReportRequest r) {
        ReportSettings s = settings.get(tenant);
        Map<Object, Figures> byQueue = aggregate(tenant, r, "queue_id");
        Map<UUID, String[]> names = new HashMap<>();
        jdbc.sql("select id, number, name from acd_queues where tenant_id = ?").param(tenant.value())
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), new String[] {rs.getString("number"), rs.getString("name")});
                });
        List<List<Object>> rows = new ArrayList<>();
        byQueue.forEach((queue, f) -> {
            String[] q = names.getOrDefault((UUID) queue, new String[] {"", ""});
            rows.add(Arrays.asList(q[0], q[1], f.answered(), Metrics.seconds(f.answeredWaitSum()),
                    Metrics.seconds(f.talkSum()), Metrics.lost(f, s), Metrics.serviceLevel(f, s), queue.toString()));
        });
        rows.sort(byText(0));
        return new ReportTable("queues", List.of(text("queueNumber"), text("queueName"), number("answered"),
                seconds("waitTotal"), seconds("talkTotal"), number("lost"), percent("serviceLevel"), text("queueId")),
                rows, null);
    }

    /** REP-5: how each operator's answered calls ended. */
    ReportTable completion(TenantId tenant, ReportRequest r) {
        return perOperator(tenant, r, "completion", List.of(number("answered"), number("endedByCaller"),
                percent("endedByCallerPercent"), number("endedByAgent"), percent("endedByAgentPercent"),
                number("transferred"), percent("transferredPercent")), f -> Arrays.asList(f.answered(), f.endedByCaller(),
                Metrics.percent(f.endedByCaller(), f.answered()), f.endedByAgent(),
                Metrics.percent(f.endedByAgent(), f.answered()), f.transferred(),
                Metrics.percent(f.transferred(), f.answered())));
    }

    /**
     * A row per operator who answered in the range: number and name, the given figures, the
     * operator's id; sorted by name.
     */
    private ReportTable perOperator(TenantId tenant, ReportRequest r, String name, List<ReportTable.Column> figures,
                                    java.util.function.Function<Figures, List<Object>> values) {
        Map<Object, Figures> byAgent = aggregate(tenant, r, "agent_id");
        byAgent.remove(UUID.fromString(ReportFacts.NOBODY));
        Map<UUID, String[]> people = people(tenant, byAgent.keySet());
        List<List<Object>> rows = new ArrayList<>();
        byAgent.forEach((agent, f) -> {
            String[] p = people.getOrDefault((UUID) agent, new String[] {"", ""});
            List<Object> row = new ArrayList<>(List.of(p[0], p[1]));
            row.addAll(values.apply(f));
            row.add(agent.toString());
            rows.add(row);
        });
        rows.sort(byText(1));
        List<ReportTable.Column> columns = new ArrayList<>(List.of(text("agentNumber"), text("agentName")));
        columns.addAll(figures);
        columns.add(text("agentId"));
        return new ReportTable(name, List.copyOf(columns), rows, null);
    }

    /** REP-6: answered and lost by wait bucket, each with its share and the cumulative share. */
    ReportTable serviceLevel(TenantId tenant, ReportRequest r) {
        ReportSettings s = settings.get(tenant);
        Figures f = aggregate(tenant, r, null).getOrDefault(null, empty());
        long[] lostBuckets = f.lostBuckets().clone();
        if (s.excludeShortAbandons()) {
            lostBuckets[0] -= f.shortAbandoned(); // short abandons are under 5 s: all in the first bucket
        }
        long answered = Arrays.stream(f.answeredBuckets()).sum();
        long lost = Arrays.stream(lostBuckets).sum();
        List<List<Object>> rows = new ArrayList<>();
        long answeredSoFar = 0;
        long lostSoFar = 0;
        for (int i = 0; i < 10; i++) {
            answeredSoFar += f.answeredBuckets()[i];
            lostSoFar += lostBuckets[i];
            String label = i == 9 ? ">" + Figures.BUCKET_LIMITS[8]
                    : (i == 0 ? 0 : Figures.BUCKET_LIMITS[i - 1]) + "-" + Figures.BUCKET_LIMITS[i];
            rows.add(Arrays.asList(label, i == 9 ? null : (long) Figures.BUCKET_LIMITS[i], f.answeredBuckets()[i],
                    Metrics.percent(f.answeredBuckets()[i], answered), Metrics.percent(answeredSoFar, answered),
                    lostBuckets[i], Metrics.percent(lostBuckets[i], lost), Metrics.percent(lostSoFar, lost)));
        }
        return new ReportTable("service-level", List.of(text("bucket"), number("upToSeconds"), number("answered"),
                percent("answeredPercent"), percent("answeredCumulativePercent"), number("lost"), percent("lostPercent"),
                percent("lostCumulativePercent")), rows, null);
    }

    /** REP-7: by hour, day or month of the tenant's zone. */
    ReportTable periods(TenantId tenant, ReportRequest r) {
        ReportSettings s = settings.get(tenant);
        String unit = r.group().name().toLowerCase();
        Map<Object, Figures> byPeriod = aggregate(tenant, r, "date_trunc('" + unit + "', slot at time zone '"
                + r.zone().getId().replace("'", "") + "')");
        List<List<Object>> rows = new ArrayList<>();
        byPeriod.forEach((period, f) -> {
            long total = Metrics.offered(f, s);
            long lost = Metrics.lost(f, s);
            rows.add(Arrays.asList(((Timestamp) period).toLocalDateTime(), total, f.answered(),
                    Metrics.percent(f.answered(), total), Metrics.asa(f), Metrics.aht(f), f.transferred(),
                    Metrics.percent(f.transferred(), total), Metrics.averageSeconds(f.transferredWaitSum(), f.transferred()),
                    Metrics.averageSeconds(f.transferredTalkSum(), f.transferred()), lost, Metrics.percent(lost, total),
                    Metrics.averageSeconds(f.lostWaitSum(), f.abandoned())));
        });
        rows.sort((a, b) -> ((LocalDateTime) a.get(0)).compareTo((LocalDateTime) b.get(0)));
        return new ReportTable("periods", List.of(dateTime("period"), number("total"), number("answered"),
                percent("answeredPercent"), seconds("averageWait"), seconds("averageTalk"), number("transferred"),
                percent("transferredPercent"), seconds("transferredAverageWait"), seconds("transferredAverageTalk"),
                number("lost"), percent("lostPercent"), seconds("lostAverageWait")), rows, null);
    }

    /**
     * REP-8: per operator — answered, missed (rang without an answer), ended by the caller,
     * logged-in time, time in each state, calls per logged-in hour and occupancy. States are
     * the operator's whatever the queue; the queue filter applies to the call figures.
     */
    ReportTable agents(TenantId tenant, ReportRequest r) {
        Map<Object, Figures> calls = aggregate(tenant, r, "agent_id");
        calls.remove(UUID.fromString(ReportFacts.NOBODY));
        AgentDays days = AgentDays.of(r, clock.instant());
        Map<UUID, Long> missed = missed(tenant, r, days);
        Map<UUID, Map<String, Long>> states = stateTimes(tenant, r, days);
        java.util.Set<UUID> everyone = new java.util.HashSet<>(states.keySet());
        calls.keySet().forEach(a -> everyone.add((UUID) a));
        everyone.addAll(missed.keySet());
        everyone.remove(null);
        Map<UUID, String[]> people = people(tenant, new java.util.HashSet<>(everyone));
        List<List<Object>> rows = new ArrayList<>();
        for (UUID agent : everyone) {
            Figures f = calls.getOrDefault(agent, empty());
            Map<String, Long> t = states.getOrDefault(agent, Map.of());
            long loggedIn = t.values().stream().mapToLong(Long::longValue).sum();
            long paused = t.getOrDefault("PAUSED", 0L);
            long onCalls = t.getOrDefault("TALKING", 0L) + t.getOrDefault("HOLD", 0L) + t.getOrDefault("WRAP_UP", 0L)
                    + t.getOrDefault("DIALING", 0L) + t.getOrDefault("CONSULTING", 0L);
            BigDecimal perHour = loggedIn == 0 ? null : BigDecimal.valueOf(f.answered() * 3_600_000L)
                    .divide(BigDecimal.valueOf(loggedIn), 1, RoundingMode.HALF_UP);
            String[] p = people.getOrDefault(agent, new String[] {"", ""});
            rows.add(Arrays.asList(p[0], p[1], f.answered(), missed.getOrDefault(agent, 0L), f.endedByCaller(),
                    Metrics.seconds(loggedIn), Metrics.seconds(t.getOrDefault("FREE", 0L)),
                    Metrics.seconds(t.getOrDefault("RINGING", 0L)), Metrics.seconds(t.getOrDefault("TALKING", 0L)),
                    Metrics.seconds(t.getOrDefault("HOLD", 0L)), Metrics.seconds(t.getOrDefault("WRAP_UP", 0L)),
                    Metrics.seconds(paused), perHour, Metrics.occupancy(onCalls, loggedIn - paused), agent.toString()));
        }
        rows.sort(byText(1));
        return new ReportTable("agents", List.of(text("agentNumber"), text("agentName"), number("answered"),
                number("missed"), number("endedByCaller"), seconds("loggedIn"), seconds("free"), seconds("ringing"),
                seconds("talking"), seconds("hold"), seconds("wrapUp"), seconds("paused"), percent("callsPerHour"),
                percent("occupancy"), text("agentId")), rows, null);
    }

    /**
     * How REP-8 splits a range: whole days of the tenant's zone read from the daily rollups
     * ({@code report_agent_day_*}, kept by triggers), the ragged ends before the first and after
     * the last whole day from the logs; {@code now} bounds intervals still open.
     */
    record AgentDays(java.time.LocalDate first, java.time.LocalDate end, List<Instant[]> edges, Instant now) {

        static AgentDays of(ReportRequest r, Instant now) {
            java.time.LocalDate first = r.from().atZone(r.zone()).toLocalDate();
            if (first.atStartOfDay(r.zone()).toInstant().isBefore(r.from())) {
                first = first.plusDays(1);
            }
            java.time.LocalDate end = r.to().atZone(r.zone()).toLocalDate();
            if (!end.isAfter(first)) {
                return new AgentDays(null, null, List.<Instant[]>of(new Instant[] {r.from(), r.to()}), now);
            }
            List<Instant[]> edges = new ArrayList<>();
            Instant a = first.atStartOfDay(r.zone()).toInstant();
            Instant b = end.atStartOfDay(r.zone()).toInstant();
            if (r.from().isBefore(a)) {
                edges.add(new Instant[] {r.from(), a});
            }
            if (b.isBefore(r.to())) {
                edges.add(new Instant[] {b, r.to()});
            }
            return new AgentDays(first, end, edges, now);
        }
    }

    /** REP-8 "missed": rings an operator let go unanswered, in the range (queue and operator filters apply). */
    Map<UUID, Long> missed(TenantId tenant, ReportRequest r, AgentDays days) {
        Map<UUID, Long> missed = new HashMap<>();
        if (days.first() != null) {
            StringBuilder sql = new StringBuilder("""
                    select user_id, sum(missed)::bigint from report_agent_day_missed
                     where tenant_id = ? and day >= ? and day < ?""");
            List<Object> params = new ArrayList<>(List.of(tenant.value(), java.sql.Date.valueOf(days.first()),
                    java.sql.Date.valueOf(days.end())));
            filter(sql, params, r, "queue_id", "user_id", null);
            jdbc.sql(sql + " group by user_id").params(params)
                    .query(rs -> {
                        missed.merge(rs.getObject(1, UUID.class), rs.getLong(2), Long::sum);
                    });
        }
        for (Instant[] edge : days.edges()) {
            StringBuilder sql = new StringBuilder("""
                    select agent_id, count(*) from call_events
                     where tenant_id = ? and type = 'ring_no_answer' and at >= ? and at < ?""");
            List<Object> params = new ArrayList<>(List.of(tenant.value(), Timestamp.from(edge[0]), Timestamp.from(edge[1])));
            filter(sql, params, r, "queue_id", "agent_id", null);
            jdbc.sql(sql + " group by agent_id").params(params)
                    .query(rs -> {
                        missed.merge(rs.getObject(1, UUID.class), rs.getLong(2), Long::sum);
                    });
        }
        return missed;
    }

    /** REP-8 time per state (OFFLINE left out) per operator, in ms, within the range. */
    Map<UUID, Map<String, Long>> stateTimes(TenantId tenant, ReportRequest r, AgentDays days) {
        Map<UUID, Map<String, Long>> states = new HashMap<>();
        org.springframework.jdbc.core.RowCallbackHandler add = rs -> states
                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                .merge(rs.getString(2), Math.max(0, rs.getLong(3)), Long::sum);
        String agents = r.agents().isEmpty() ? "" : " and user_id = any(?)";
        if (days.first() != null) {
            List<Object> params = new ArrayList<>(List.of(tenant.value(), java.sql.Date.valueOf(days.first()),
                    java.sql.Date.valueOf(days.end())));
            if (!r.agents().isEmpty()) {
                params.add(r.agents().toArray(UUID[]::new));
            }
            jdbc.sql("select user_id, state, sum(ms)::bigint from report_agent_day_states"
                    + " where tenant_id = ? and day >= ? and day < ?" + agents + " group by user_id, state")
                    .params(params).query(add);
        }
        // the ragged ends: closed intervals around them (those over a day long through their own index)
        String clipped = "select user_id, state,"
                + " sum(extract(epoch from (least(ended_at, ?) - greatest(started_at, ?))) * 1000)::bigint"
                + " from agent_state_log where tenant_id = ? and ended_at is not null and state <> 'OFFLINE'"
                + " and ended_at > ? and started_at < ?" + agents;
        for (Instant[] edge : days.edges()) {
            Timestamp a = Timestamp.from(edge[0]);
            Timestamp b = Timestamp.from(edge[1]);
            Timestamp dayBefore = Timestamp.from(edge[0].minus(java.time.Duration.ofDays(1)));
            List<Object> params = new ArrayList<>(List.of(b, a, tenant.value(), a, b));
            if (!r.agents().isEmpty()) {
                params.add(r.agents().toArray(UUID[]::new));
            }
            List<Object> recent = new ArrayList<>(params);
            recent.add(dayBefore);
            jdbc.sql(clipped + " and started_at >= ? group by user_id, state").params(recent).query(add);
            List<Object> longer = new ArrayList<>(params);
            longer.add(dayBefore);
            jdbc.sql(clipped + " and ended_at - started_at > interval '1 day' and started_at < ? group by user_id, state")
                    .params(longer).query(add);
        }
        // intervals still open, up to now
        Instant until = days.now().isBefore(r.to()) ? days.now() : r.to();
        if (until.isAfter(r.from())) {
            List<Object> params = new ArrayList<>(List.of(Timestamp.from(until), Timestamp.from(r.from()), tenant.value(),
                    Timestamp.from(until)));
            if (!r.agents().isEmpty()) {
                params.add(r.agents().toArray(UUID[]::new));
            }
            jdbc.sql("select user_id, state,"
                    + " sum(extract(epoch from (? - greatest(started_at, ?))) * 1000)::bigint"
                    + " from agent_state_log where tenant_id = ? and ended_at is null and state <> 'OFFLINE'"
                    + " and started_at < ?" + agents + " group by user_id, state").params(params).query(add);
        }
        return states;
    }

    // ------------------------------------------------------------------ aggregation

    /** The summed measures in the order {@link #figures} reads them (from column 2 on). */
    private static final String SUMS = ReportFacts.SUMS;

    /**
     * The figures of the range by {@code key} (an expression over rollup columns; null = one
     * group, under the key null): rollups for the whole quarter-hours, legs for the rest.
     */
    Map<Object, Figures> aggregate(TenantId tenant, ReportRequest r, String key) {
        return aggregate(tenant, r, key, false);
    }

    /**
     * As above; {@code legsOnly} reads no rollups (to check them against the legs). Sources, by
     * range: legs for the ragged edges inside a quarter-hour; without an operator dimension the
     * quarter-hour rollup per queue for the rest; with one (grouping or filter by operator) the
     * daily rollup for whole days of the tenant's zone (unless grouped by hour) and the
     * quarter-hour rollup per operator for the parts of days around them.
     */
    Map<Object, Figures> aggregate(TenantId tenant, ReportRequest r, String key, boolean legsOnly) {
        Instant q1 = ceilQuarter(r.from());
        Instant q2 = floorQuarter(r.to());
        if (legsOnly || r.caller() != null || !q1.isBefore(q2)) {
            q1 = r.to();
            q2 = r.to(); // legs only
        }
        boolean byAgent = "agent_id".equals(key) || !r.agents().isEmpty();
        boolean hourly = key != null && key.contains("'hour'");
        Instant d1 = q1;
        Instant d2 = q1; // no whole days
        if (byAgent && !hourly && q1.isBefore(q2)) {
            java.time.ZonedDateTime start = q1.atZone(r.zone());
            Instant firstDay = start.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? q1
                    : start.toLocalDate().plusDays(1).atStartOfDay(r.zone()).toInstant();
            Instant lastDay = q2.atZone(r.zone()).toLocalDate().atStartOfDay(r.zone()).toInstant();
            if (firstDay.isBefore(lastDay)) {
                d1 = firstDay;
                d2 = lastDay;
            }
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("with src as (");
        if (byAgent) {
            // quarter-hours around the whole days: [q1, d1) and [d2, q2), or all of [q1, q2)
            sql.append("select ").append(ReportFacts.ROLLUP_COLUMNS).append(" from report_rollup")
                    .append(" where tenant_id = ? and ((slot >= ? and slot < ?) or (slot >= ? and slot < ?))");
            params.addAll(List.of(tenant.value(), Timestamp.from(q1), Timestamp.from(d1.equals(d2) ? q2 : d1),
                    Timestamp.from(d1.equals(d2) ? q2 : d2), Timestamp.from(q2)));
            filter(sql, params, r, "queue_id", "agent_id", null);
            sql.append(" union all select ").append(ReportFacts.ROLLUP_COLUMNS).append(" from report_rollup_day")
                    .append(" where tenant_id = ? and slot >= ? and slot < ?");
            params.addAll(List.of(tenant.value(), Timestamp.from(d1), Timestamp.from(d2)));
            filter(sql, params, r, "queue_id", "agent_id", null);
        } else {
            sql.append("select tenant_id, slot, queue_id, '").append(ReportFacts.NOBODY).append("'::uuid, ")
                    .append(ReportFacts.MEASURE_COLUMNS).append(" from report_rollup_queue")
                    .append(" where tenant_id = ? and slot >= ? and slot < ?");
            params.addAll(List.of(tenant.value(), Timestamp.from(q1), Timestamp.from(q2)));
            filter(sql, params, r, "queue_id", "agent_id", null);
        }
        sql.append(" union all select ").append(ReportFacts.LEG_AS_ROLLUP).append(" from call_legs l ").append("""
                 where l.tenant_id = ? and l.outcome <> 'open'
                  and ((l.entered_at >= ? and l.entered_at < ?) or (l.entered_at >= ? and l.entered_at < ?))""");
        params.addAll(List.of(tenant.value(), Timestamp.from(r.from()), Timestamp.from(q1),
                Timestamp.from(q2), Timestamp.from(r.to())));
        filter(sql, params, r, "l.queue_id", "l.agent_id", "l.caller");
        sql.append(") select ").append(key == null ? "null" : key).append(", ").append(SUMS).append(" from src");
        if (key != null) {
            sql.append(" group by 1");
        }
        Map<Object, Figures> result = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            Figures f = figures(rs);
            if (f.offered() > 0) {
                result.put(rs.getObject(1), f);
            }
        });
        return result;
    }

    private static void filter(StringBuilder sql, List<Object> params, ReportRequest r, String queue, String agent,
                               String caller) {
        if (!r.queues().isEmpty()) {
            sql.append(" and ").append(queue).append(" = any(?)");
            params.add(r.queues().toArray(UUID[]::new));
        }
        if (!r.agents().isEmpty()) {
            sql.append(" and ").append(agent).append(" = any(?)");
            params.add(r.agents().toArray(UUID[]::new));
        }
        if (caller != null && r.caller() != null) {
            sql.append(" and ").append(caller).append(" like ?");
            params.add("%" + r.caller().replace("+", "") + "%");
        }
    }

    private static Figures figures(ResultSet rs) throws SQLException {
        return new Figures(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                rs.getLong(14), nullableLong(rs, 15), nullableLong(rs, 16), rs.getLong(17), nullableLong(rs, 18),
                nullableLong(rs, 19), rs.getLong(20), nullableLong(rs, 21), nullableLong(rs, 22), rs.getLong(23),
                rs.getLong(24), rs.getLong(25), buckets(rs, 26), buckets(rs, 36));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static long[] buckets(ResultSet rs, int first) throws SQLException {
        long[] out = new long[10];
        for (int i = 0; i < 10; i++) {
            out[i] = rs.getLong(first + i);
        }
        return out;
    }

    static Figures empty() {
        return new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null, null, 0, null, null, 0, 0, 0,
                new long[10], new long[10]);
    }

    static Instant floorQuarter(Instant t) {
        long q = QUARTER.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), q) * q);
    }

    static Instant ceilQuarter(Instant t) {
        Instant floor = floorQuarter(t);
        return floor.equals(t) ? t : floor.plus(QUARTER);
    }

    // ------------------------------------------------------------------ detail reports

    @FunctionalInterface
    private interface RowMapper {
        List<Object> row(ResultSet rs, ZoneId zone) throws SQLException;
    }

    private ReportTable detail(TenantId tenant, ReportRequest r, String name, String condition,
                               List<ReportTable.Column> columns, RowMapper mapper) {
        StringBuilder sql = new StringBuilder("""
                select l.entered_at, l.call_id, l.leg, q.number as queue_number, q.name as queue_name, l.agent_number,
                       u.full_name as agent_name, l.caller, l.wait_ms, l.talk_ms, l.position, l.ended_by
                  from call_legs l
                  left join acd_queues q on q.tenant_id = l.tenant_id and q.id = l.queue_id
                  left join users u on u.tenant_id = l.tenant_id and u.id = l.agent_id
                 where l.tenant_id = ? and l.entered_at >= ? and l.entered_at < ? and\s""").append(condition);
        List<Object> params = new ArrayList<>(List.of(tenant.value(), Timestamp.from(r.from()), Timestamp.from(r.to())));
        filter(sql, params, r, "l.queue_id", "l.agent_id", "l.caller");
        if (r.after() != null) {
            Cursor c = Cursor.decode(r.after());
            sql.append(" and (l.entered_at, l.call_id, l.leg) > (?, ?, ?)");
            params.addAll(List.of(Timestamp.from(c.at()), c.callId(), c.leg()));
        }
        sql.append(" order by l.entered_at, l.call_id, l.leg limit ?");
        params.add(r.limit() + 1);
        List<List<Object>> rows = new ArrayList<>();
        Cursor[] last = new Cursor[1];
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            if (rows.size() == r.limit()) {
                return; // the row after the page: there is a next page
            }
            rows.add(mapper.row(rs, r.zone()));
            last[0] = new Cursor(rs.getTimestamp("entered_at").toInstant(), rs.getString("call_id"), rs.getInt("leg"));
        });
        boolean more = rows.size() == r.limit() && hasMore(tenant, r, condition, last[0]);
        return new ReportTable(name, columns, rows, more ? last[0].encode() : null);
    }

    private boolean hasMore(TenantId tenant, ReportRequest r, String condition, Cursor after) {
        StringBuilder sql = new StringBuilder("select exists (select 1 from call_legs l where l.tenant_id = ?"
                + " and l.entered_at >= ? and l.entered_at < ? and " + condition);
        List<Object> params = new ArrayList<>(List.of(tenant.value(), Timestamp.from(r.from()), Timestamp.from(r.to())));
        filter(sql, params, r, "l.queue_id", "l.agent_id", "l.caller");
        sql.append(" and (l.entered_at, l.call_id, l.leg) > (?, ?, ?))");
        params.addAll(List.of(Timestamp.from(after.at()), after.callId(), after.leg()));
        return Boolean.TRUE.equals(jdbc.sql(sql.toString()).params(params).query(Boolean.class).single());
    }

    /** The keyset position of a detail row: opaque to clients, checked when it comes back. */
    record Cursor(Instant at, String callId, int leg) {

        String encode() {
            String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + leg + ":" + callId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(":", 4);
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1])), p[3],
                        Integer.parseInt(p[2]));
            } catch (RuntimeException e) {
                throw new InvalidInputException("invalid_cursor", "after", "Not a cursor this report gave");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Current number and name of each operator. */
    private Map<UUID, String[]> people(TenantId tenant, java.util.Set<?> ids) {
        Map<UUID, String[]> people = new HashMap<>();
        if (ids.isEmpty()) {
            return people;
        }
        UUID[] array = ids.stream().filter(UUID.class::isInstance).map(UUID.class::cast).toArray(UUID[]::new);
        jdbc.sql("select id, extension, full_name from users where tenant_id = ? and id = any(?)")
                .params(tenant.value(), array).query(rs -> {
                    people.put(rs.getObject(1, UUID.class), new String[] {nz(rs.getString(2)), nz(rs.getString(3))});
                });
        return people;
    }

    private static java.util.Comparator<List<Object>> byText(int column) {
        return (a, b) -> String.valueOf(a.get(column)).compareToIgnoreCase(String.valueOf(b.get(column)));
    }

    private static LocalDateTime local(Timestamp t, ZoneId zone) {
        return LocalDateTime.ofInstant(t.toInstant(), zone);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
