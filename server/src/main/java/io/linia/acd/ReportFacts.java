package io.linia.acd;

/**
 * The report facts the ACD keeps (REP-1..8, REP-11), in one place for the side that writes
 * them ({@code CallRecorder}) and the side that reads them (the reports module).
 *
 * <p>{@code call_legs} has one row per visit of a call to a queue. When a leg ends, its figures
 * are added to {@code report_rollup}, one row per quarter-hour ({@code slot}), queue and answering
 * operator. {@link #LEG_AS_ROLLUP} turns a leg ({@code l}) into a rollup row, so a report can
 * read rollups for whole quarter-hours and legs for the rest (a range's ragged edges, a caller
 * filter) and aggregate both with the same SQL.
 */
public final class ReportFacts {

    /** The operator of legs nobody answered, in the rollup's key. */
    public static final String NOBODY = "00000000-0000-0000-0000-000000000000";

    /** The rollup's columns, in the order of {@link #LEG_AS_ROLLUP}. */
    public static final String ROLLUP_COLUMNS = """
            tenant_id, slot, queue_id, agent_id, offered, answered, abandoned, short_abandoned, timed_out, overflowed,
            ended_by_caller, ended_by_agent, transferred, answered_in_sl, abandoned_in_sl, max_position,
            ans_wait_sum, ans_wait_min, ans_wait_max, lost_wait_sum, lost_wait_min, lost_wait_max,
            talk_sum, talk_min, talk_max, xfer_wait_sum, xfer_talk_sum, ring_no_answer, ans_buckets, lost_buckets""";

    /**
     * One ended leg {@code l} as a rollup row. Answered = an operator took the call (ended by
     * the caller, the operator or a transfer); lost = the caller hung up while waiting
     * (abandoned); a short abandon is one under the tenant's threshold; "in SL" = a wait of at
     * most the queue's service-level target.
     */
    public static final String LEG_AS_ROLLUP = """
            l.tenant_id, date_bin('15 minutes', l.entered_at, timestamptz '2000-01-01 00:00:00+00'), l.queue_id,
            coalesce(l.agent_id, '00000000-0000-0000-0000-000000000000'::uuid), 1,
            coalesce(l.outcome = 'answered', false)::int, coalesce(l.outcome = 'abandoned', false)::int,
            coalesce(l.outcome = 'abandoned' and l.wait_ms < l.short_abandon_seconds * 1000, false)::int,
            coalesce(l.outcome = 'timeout', false)::int, coalesce(l.outcome = 'overflow', false)::int,
            coalesce(l.ended_by = 'caller', false)::int, coalesce(l.ended_by = 'agent', false)::int,
            coalesce(l.ended_by = 'transfer', false)::int,
            coalesce(l.outcome = 'answered' and l.wait_ms <= l.sl_seconds * 1000, false)::int,
            coalesce(l.outcome = 'abandoned' and l.wait_ms <= l.sl_seconds * 1000, false)::int,
            l.position,
            case when l.outcome = 'answered' then coalesce(l.wait_ms, 0) else 0 end,
            case when l.outcome = 'answered' then l.wait_ms end, case when l.outcome = 'answered' then l.wait_ms end,
            case when l.outcome = 'abandoned' then coalesce(l.wait_ms, 0) else 0 end,
            case when l.outcome = 'abandoned' then l.wait_ms end, case when l.outcome = 'abandoned' then l.wait_ms end,
            case when l.outcome = 'answered' then coalesce(l.talk_ms, 0) else 0 end,
            case when l.outcome = 'answered' then l.talk_ms end, case when l.outcome = 'answered' then l.talk_ms end,
            case when l.ended_by = 'transfer' then coalesce(l.wait_ms, 0) else 0 end,
            case when l.ended_by = 'transfer' then coalesce(l.talk_ms, 0) else 0 end,
            l.ring_no_answer,
            case when l.outcome = 'answered' then linia_wait_buckets(coalesce(l.wait_ms, 0)) else '{0,0,0,0,0,0,0,0,0,0}' end,
            case when l.outcome = 'abandoned' then linia_wait_buckets(coalesce(l.wait_ms, 0)) else '{0,0,0,0,0,0,0,0,0,0}' end""";

    /** Adds an {@code excluded} rollup row to the stored one (ON CONFLICT … DO UPDATE SET). */
    public static final String ROLLUP_MERGE;

    /**
     * Sums rollup rows (or legs as rollup rows) in a GROUP BY, in the order of the measure
     * columns of {@link #ROLLUP_COLUMNS} (everything after {@code agent_id}).
     */
    public static final String ROLLUP_SUMS;

    static {
        StringBuilder sums = new StringBuilder();
        for (String column : ROLLUP_COLUMNS.split(",")) {
            String c = column.strip();
            if (c.equals("tenant_id") || c.equals("slot") || c.equals("queue_id") || c.equals("agent_id")) {
                continue;
            }
            String expression;
            if (c.endsWith("_min")) {
                expression = "min(" + c + ")";
            } else if (c.endsWith("_max") || c.equals("max_position")) {
                expression = "max(" + c + ")";
            } else if (c.endsWith("_buckets")) {
                expression = "linia_int_array_sum(" + c + ")";
            } else {
                expression = "sum(" + c + ")";
            }
            sums.append(sums.isEmpty() ? "" : ", ").append(expression);
        }
        ROLLUP_SUMS = sums.toString();
    }

    /**
     * Builds a tenant's rollups from its ended legs in one statement (after a bulk load or an
     * import; delete the tenant's rollups first): the same figures the ACD adds up leg by leg.
     * Parameter: the tenant.
     */
    public static String rebuildRollups() {
        return "insert into report_rollup (" + ROLLUP_COLUMNS + ") select tenant_id, slot, queue_id, agent_id, "
                + ROLLUP_SUMS + " from (select " + LEG_AS_ROLLUP + " from call_legs l where l.tenant_id = ?"
                + " and l.outcome <> 'open') as src (" + ROLLUP_COLUMNS + ") group by tenant_id, slot, queue_id, agent_id";
    }

    static {
        StringBuilder merge = new StringBuilder();
        for (String column : ROLLUP_COLUMNS.split(",")) {
            String c = column.strip();
            if (c.equals("tenant_id") || c.equals("slot") || c.equals("queue_id") || c.equals("agent_id")) {
                continue;
            }
            String expression;
            if (c.endsWith("_min")) {
                expression = "least(report_rollup." + c + ", excluded." + c + ")";
            } else if (c.endsWith("_max") || c.equals("max_position")) {
                expression = "greatest(report_rollup." + c + ", excluded." + c + ")";
            } else if (c.endsWith("_buckets")) {
                expression = "linia_int_array_add(report_rollup." + c + ", excluded." + c + ")";
            } else {
                expression = "report_rollup." + c + " + excluded." + c;
            }
            merge.append(merge.isEmpty() ? "" : ", ").append(c).append(" = ").append(expression);
        }
        ROLLUP_MERGE = merge.toString();
    }

    private ReportFacts() {
    }
}
