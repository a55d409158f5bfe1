package io.linia.acd;

import java.util.ArrayList;
import java.util.List;

/**
 * The report facts the ACD keeps (REP-1..8, REP-11), in one place for the side that writes
 * them ({@code CallRecorder}) and the side that reads them (the reports module).
 *
 * <p>{@code call_legs} has one row per visit of a call to a queue. When a leg ends, its
 * figures ({@link #MEASURES}) are added to three rollups in the same transaction:
 * <ul>
 *   <li>{@code report_rollup_queue} — per quarter-hour and queue, for reports without an
 *       operator dimension;</li>
 *   <li>{@code report_rollup} — per quarter-hour, queue and answering operator;</li>
 *   <li>{@code report_rollup_day} — per day of the tenant's zone, queue and operator, so
 *       per-operator reports over months read a few rows per operator and day.</li>
 * </ul>
 * {@link #LEG_AS_ROLLUP} turns a leg ({@code l}) into a quarter-hour rollup row, so a report
 * can read rollups where they cover the range and legs for the rest and add both with the same
 * SQL ({@link #SUMS}).
 */
public final class ReportFacts {

    /** The operator of legs nobody answered, in the rollups' key. */
    public static final String NOBODY = "00000000-0000-0000-0000-000000000000";

    /** The upper limits of the REP-6 wait buckets in ms; the tenth bucket is everything over the last. */
    private static final long[] BUCKET_LIMITS_MS = {5_000, 10_000, 15_000, 30_000, 45_000, 60_000, 90_000, 120_000, 300_000};

    /** Every rollup's measures, in this order everywhere. */
    public static final List<String> MEASURES;

    /** The measures of one ended leg {@code l}, in the order of {@link #MEASURES}. */
    private static final String LEG_MEASURES;

    static {
        List<String> names = new ArrayList<>(List.of("offered", "answered", "abandoned", "short_abandoned", "timed_out",
                "overflowed", "ended_by_caller", "ended_by_agent", "transferred", "answered_in_sl", "abandoned_in_sl",
                "max_position", "ans_wait_sum", "ans_wait_min", "ans_wait_max", "lost_wait_sum", "lost_wait_min",
                "lost_wait_max", "talk_sum", "talk_min", "talk_max", "xfer_wait_sum", "xfer_talk_sum", "ring_no_answer"));
        // Answered = an operator took the call (ended by the caller, the operator or a transfer);
        // lost = the caller hung up while waiting; short = lost under the tenant's threshold;
        // "in SL" = a wait of at most the queue's service-level target.
        List<String> expressions = new ArrayList<>(List.of("1",
                flag("l.outcome = 'answered'"), flag("l.outcome = 'abandoned'"),
                flag("l.outcome = 'abandoned' and l.wait_ms < l.short_abandon_seconds * 1000"),
                flag("l.outcome = 'timeout'"), flag("l.outcome = 'overflow'"),
                flag("l.ended_by = 'caller'"), flag("l.ended_by = 'agent'"), flag("l.ended_by = 'transfer'"),
                flag("l.outcome = 'answered' and l.wait_ms <= l.sl_seconds * 1000"),
                flag("l.outcome = 'abandoned' and l.wait_ms <= l.sl_seconds * 1000"),
                "l.position",
                "case when l.outcome = 'answered' then coalesce(l.wait_ms, 0) else 0 end",
                "case when l.outcome = 'answered' then l.wait_ms end", "case when l.outcome = 'answered' then l.wait_ms end",
                "case when l.outcome = 'abandoned' then coalesce(l.wait_ms, 0) else 0 end",
                "case when l.outcome = 'abandoned' then l.wait_ms end", "case when l.outcome = 'abandoned' then l.wait_ms end",
                "case when l.outcome = 'answered' then coalesce(l.talk_ms, 0) else 0 end",
                "case when l.outcome = 'answered' then l.talk_ms end", "case when l.outcome = 'answered' then l.talk_ms end",
                "case when l.ended_by = 'transfer' then coalesce(l.wait_ms, 0) else 0 end",
                "case when l.ended_by = 'transfer' then coalesce(l.talk_ms, 0) else 0 end",
                "l.ring_no_answer"));
        for (String kind : List.of("ans", "lost")) {
            String outcome = kind.equals("ans") ? "answered" : "abandoned";
            for (int b = 0; b < 10; b++) {
                names.add(kind + "_b" + (b + 1));
                String lower = b == 0 ? "" : " and coalesce(l.wait_ms, 0) > " + BUCKET_LIMITS_MS[b - 1];
                String upper = b == 9 ? "" : " and coalesce(l.wait_ms, 0) <= " + BUCKET_LIMITS_MS[b];
                expressions.add(flag("l.outcome = '" + outcome + "'" + lower + upper));
            }
        }
        MEASURES = List.copyOf(names);
        LEG_MEASURES = String.join(",\n", expressions);
    }

    private static String flag(String condition) {
        return "coalesce(" + condition + ", false)::int";
    }

    /** The measures as a column list. */
    public static final String MEASURE_COLUMNS = String.join(", ", MEASURES);

    /** The quarter-hour rollups' columns, in the order of {@link #LEG_AS_ROLLUP}. */
    public static final String ROLLUP_COLUMNS = "tenant_id, slot, queue_id, agent_id, " + MEASURE_COLUMNS;

    private static final String QUARTER = "date_bin('15 minutes', l.entered_at, timestamptz '2000-01-01 00:00:00+00')";
    private static final String LOCAL_DAY = "(date_trunc('day', l.entered_at at time zone t.time_zone) at time zone t.time_zone)";
    private static final String AGENT = "coalesce(l.agent_id, '" + NOBODY + "'::uuid)";

    /** One ended leg {@code l} as a row of {@code report_rollup}. */
    public static final String LEG_AS_ROLLUP = "l.tenant_id, " + QUARTER + ", l.queue_id, " + AGENT + ",\n" + LEG_MEASURES;

    /** Sums rows of any rollup (or legs as rollup rows) in a GROUP BY, in the order of {@link #MEASURES}. */
    public static final String SUMS;

    static {
        List<String> sums = new ArrayList<>();
        for (String c : MEASURES) {
            sums.add(c.endsWith("_min") ? "min(" + c + ")" : c.endsWith("_max") || c.equals("max_position")
                    ? "max(" + c + ")" : "sum(" + c + ")");
        }
        SUMS = String.join(", ", sums);
    }

    /** A rollup table, its key and how a leg maps to its slot. */
    private record Rollup(String table, String slot, boolean byAgent) {

        String key() {
            return byAgent ? "tenant_id, slot, queue_id, agent_id" : "tenant_id, slot, queue_id";
        }

        String legKey() {
            return "l.tenant_id, " + slot + ", l.queue_id" + (byAgent ? ", " + AGENT : "");
        }

        String merge() {
            List<String> set = new ArrayList<>();
            for (String c : MEASURES) {
                String stored = table + "." + c;
                set.add(c + " = " + (c.endsWith("_min") ? "least(" + stored + ", excluded." + c + ")"
                        : c.endsWith("_max") || c.equals("max_position") ? "greatest(" + stored + ", excluded." + c + ")"
                        : stored + " + excluded." + c));
            }
            return String.join(", ", set);
        }
    }

    private static final List<Rollup> ROLLUPS = List.of(
            new Rollup("report_rollup_queue", QUARTER, false),
            new Rollup("report_rollup", QUARTER, true),
            new Rollup("report_rollup_day", LOCAL_DAY, true));

    /** The rollup tables, for maintenance. */
    public static final List<String> ROLLUP_TABLES = ROLLUPS.stream().map(Rollup::table).toList();

    /**
     * The statements that add one ended leg to every rollup. Parameters of each: tenant,
     * call id, leg.
     */
    public static List<String> addLeg() {
        return ADD_LEG;
    }

    private static final List<String> ADD_LEG = ROLLUPS.stream().map(r -> "insert into " + r.table() + " (" + r.key() + ", " + MEASURE_COLUMNS + ") select "
                + r.legKey() + ",\n" + LEG_MEASURES + "\n from call_legs l join tenants t on t.id = l.tenant_id"
                + " where l.tenant_id = ? and l.call_id = ? and l.leg = ?"
                + " on conflict (" + r.key() + ") do update set " + r.merge()).toList();

    /**
     * The statements that add the ended legs of {@code legs} (call_legs, or a table of its
     * columns holding a batch of new legs) to every rollup, summed per rollup row first.
     * Parameter of each: the tenant.
     */
    public static List<String> addLegs(String legs) {
        return ROLLUPS.stream().map(r -> "insert into " + r.table() + " (" + r.key() + ", " + MEASURE_COLUMNS + ") select "
                + r.key() + ", " + SUMS + " from (select " + r.legKey() + ",\n" + LEG_MEASURES
                + "\n from " + legs + " l join tenants t on t.id = l.tenant_id where l.tenant_id = ? and l.outcome <> 'open'"
                + ") as src (" + r.key() + ", " + MEASURE_COLUMNS + ") group by " + r.key()
                + " on conflict (" + r.key() + ") do update set " + r.merge()).toList();
    }

    /**
     * The statements that add a batch of new ended legs ({@code legs}, a table of call_legs'
     * columns) to every rollup, for bulk loads (TEL-4): the same figures as {@link #addLegs},
     * but each leg's measures are worked out once into {@code scratch} (a temporary table,
     * {@link #batchScratch}) instead of once per rollup, and each rollup's rows are written in
     * the order of their key, so that batches stored side by side in concurrent transactions
     * wait for each other on a shared rollup row instead of deadlocking. The rollups are
     * written in the same order as {@link #addLeg} writes them. Parameter of each: the tenant.
     */
    public static List<String> addBatch(String legs, String scratch) {
        List<String> out = new ArrayList<>();
        out.add("insert into " + scratch + " select l.tenant_id, " + QUARTER + ", " + LOCAL_DAY + ", l.queue_id, " + AGENT
                + ",\n" + LEG_MEASURES + "\n from " + legs + " l join tenants t on t.id = l.tenant_id"
                + " where l.tenant_id = ? and l.outcome <> 'open'");
        for (Rollup r : ROLLUPS) {
            String key = r.key().replace("slot", r.slot().equals(QUARTER) ? "quarter" : "day");
            out.add("insert into " + r.table() + " (" + r.key() + ", " + MEASURE_COLUMNS + ") select " + key + ", " + SUMS
                    + " from " + scratch + " where tenant_id = ? group by " + key + " order by " + key
                    + " on conflict (" + r.key() + ") do update set " + r.merge());
        }
        return out;
    }

    /** Creates the temporary table {@link #addBatch} works in: a leg's rollup keys and measures, typed as in the rollups. */
    public static String batchScratch(String scratch) {
        return "create temporary table if not exists " + scratch + " on commit delete rows as select tenant_id,"
                + " slot as quarter, slot as day, queue_id, agent_id, " + MEASURE_COLUMNS + " from report_rollup with no data";
    }

    /**
     * The statements that build a tenant's rollups from its ended legs (after a bulk load or an
     * import; delete the tenant's rollups first): the same figures the ACD adds up leg by leg.
     * Parameter of each: the tenant.
     */
    public static List<String> rebuild() {
        return addLegs("call_legs");
    }

    private ReportFacts() {
    }
}
