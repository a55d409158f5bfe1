package io.linia.demo;

import io.linia.platform.TenantId;
import io.linia.reports.ReportMaintenance;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two weeks of call history for the demo tenant, so the reports have something to show on the
 * first start (issue 4): working days busier than weekends, a morning and an afternoon peak,
 * answered, lost and transferred calls in both demo queues, and the virtual agents' shifts.
 * Written straight into the report facts (legs and agent states) and added up by the same
 * rollup rebuild an import uses; only when the tenant has no history before today.
 */
@Component
class DemoHistory {

    static final int DAYS = 14;
    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final double[] HOURLY = {0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 12, 11, 8, 9, 11, 10, 9, 7, 5, 3, 0, 0, 0, 0};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ReportMaintenance maintenance;

    DemoHistory(JdbcClient jdbc, JdbcTemplate template, ReportMaintenance maintenance) {
        this.jdbc = jdbc;
        this.template = template;
        this.maintenance = maintenance;
    }

    /** Fills the {@link #DAYS} days before {@code today}; returns the number of legs written (0 if there was history). */
    @Transactional
    int fill(TenantId tenant, LocalDate today, ZoneId zone) {
        Instant start = today.atStartOfDay(zone).toInstant();
        boolean had = jdbc.sql("select exists (select 1 from call_legs where tenant_id = ? and entered_at < ?)")
                .params(tenant.value(), Timestamp.from(start)).query(Boolean.class).single();
        if (had) {
            return 0;
        }
        List<UUID> queues = jdbc.sql("select id from acd_queues where tenant_id = ? and number in (?, ?) order by number")
                .params(tenant.value(), DemoContactCenter.INFORMATION, DemoContactCenter.SUPPORT).query(UUID.class).list();
        List<Object[]> agents = jdbc.sql("select id, extension from users where tenant_id = ? and login like 'virtual%' order by login")
                .param(tenant.value()).query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).list();
        if (queues.size() != 2 || agents.size() != 6) {
            return 0;
        }
        SplittableRandom random = new SplittableRandom(2026);
        List<Object[]> legs = new ArrayList<>();
        List<Object[]> states = new ArrayList<>();
        for (int d = DAYS; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            Instant midnight = day.atStartOfDay(zone).toInstant();
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            for (int hour = 0; hour < 24; hour++) {
                int calls = (int) Math.round(HOURLY[hour] * (weekend ? 4 : 10) * (0.8 + 0.4 * random.nextDouble()));
                for (int c = 0; c < calls; c++) {
                    Instant entered = midnight.plusMillis((long) ((hour + random.nextDouble()) * 3_600_000));
                    int queue = random.nextDouble() < 0.6 ? 0 : 1;
                    String callId = "demo-" + day + "-" + hour + "-" + c;
                    String caller = "+7495" + String.format("%07d", random.nextInt(10_000_000));
                    leg(legs, random, callId, 1, queues, queue, agents, caller, entered);
                }
            }
            if (!weekend) {
                for (Object[] agent : agents) {
                    Instant eight = midnight.plus(Duration.ofHours(8));
                    states.add(new Object[] {agent[0], "FREE", null, eight, eight.plus(Duration.ofHours(5))});
                    states.add(new Object[] {agent[0], "PAUSED", "lunch", eight.plus(Duration.ofHours(5)),
                            eight.plus(Duration.ofHours(6))});
                    states.add(new Object[] {agent[0], "FREE", null, eight.plus(Duration.ofHours(6)),
                            eight.plus(Duration.ofHours(12))});
                }
            }
        }
        template.batchUpdate("""
                insert into call_legs (tenant_id, call_id, leg, queue_id, caller, entered_at, position, agent_id,
                    agent_number, connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by, ring_no_answer,
                    sl_seconds, short_abandon_seconds)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 20, 5)""", legs.stream().map(l -> {
                    Object[] row = new Object[16];
                    row[0] = tenant.value();
                    System.arraycopy(l, 0, row, 1, 15);
                    return row;
                }).toList());
        template.batchUpdate("insert into agent_state_log (tenant_id, user_id, state, reason, started_at, ended_at)"
                + " values (?, ?, ?, ?, ?, ?)", states.stream().map(s -> new Object[] {tenant.value(), s[0], s[1], s[2],
                Timestamp.from((Instant) s[3]), Timestamp.from((Instant) s[4])}).toList());
        maintenance.rebuild(tenant);
        log.info("Demo history: {} calls over the {} days before today", legs.size(), DAYS);
        return legs.size();
    }

    /** A leg: 7 % lost, otherwise answered by an agent of the queue; 4 % transferred to the other queue. */
    private static void leg(List<Object[]> legs, SplittableRandom random, String callId, int leg, List<UUID> queues,
                            int queue, List<Object[]> agents, String caller, Instant entered) {
        int position = 1 + (random.nextDouble() < 0.3 ? 1 + random.nextInt(3) : 0);
        if (leg == 1 && random.nextDouble() < 0.07) {
            long wait = (long) (-40_000 * Math.log(1 - random.nextDouble()));
            legs.add(new Object[] {callId, leg, queues.get(queue), caller, ts(entered), position, null, null, null,
                    ts(entered.plusMillis(wait)), wait, null, "abandoned", null, 0});
            return;
        }
        long wait = (long) (-12_000 * Math.log(1 - random.nextDouble()));
        long talk = (long) (150_000 * Math.exp(0.5 * random.nextGaussian() - 0.125));
        // agents 1-4 take information, 3-6 support
        Object[] agent = agents.get(queue == 0 ? random.nextInt(4) : 2 + random.nextInt(4));
        double end = random.nextDouble();
        String endedBy = leg > 1 || end < 0.55 ? "caller" : end < 0.96 ? "agent" : "transfer";
        Instant connected = entered.plusMillis(wait);
        Instant ended = connected.plusMillis(talk);
        legs.add(new Object[] {callId, leg, queues.get(queue), caller, ts(entered), position, agent[0], agent[1],
                ts(connected), ts(ended), wait, talk, "answered", endedBy, random.nextDouble() < 0.05 ? 1 : 0});
        if (endedBy.equals("transfer")) {
            leg(legs, random, callId, leg + 1, queues, 1 - queue, agents, caller, ended);
        }
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
