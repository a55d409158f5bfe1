package io.linia.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The standard metrics (REP-10), each defined here and nowhere else; the report pages show
 * the same definitions next to the figures ({@code report.metric.*} messages).
 *
 * <ul>
 *   <li><b>Answered</b>: an operator took the call in this queue (it then ended by the caller,
 *       the operator or a transfer). <b>Lost</b>: the caller hung up while waiting (abandoned).
 *       A call that left a queue by its time-out or an overflow is neither; it counts in
 *       the queue it went on to.</li>
 *   <li><b>Short abandon</b>: lost after waiting less than the tenant's threshold; excluded
 *       from lost, offered and the service level when the tenant says so.</li>
 *   <li><b>Service level</b> with target T (the queue's): {@code SL} = answered within T ÷
 *       answered (Asterisk's); {@code SL2} = (answered within T + lost within T) ÷ (answered +
 *       lost); {@code OFFERED} = answered within T ÷ offered.</li>
 *   <li><b>Abandon rate</b> = lost ÷ offered. <b>ASA</b> (average speed of answer) = wait of
 *       answered ÷ answered. <b>AHT</b> (average handle time) = talk time, holds included, ÷
 *       answered.</li>
 *   <li><b>Occupancy</b> = time on calls (ringing excluded: talking, hold, wrap-up) ÷ time
 *       available for calls (logged in and not paused).</li>
 * </ul>
 * Percentages have one decimal; averages are whole seconds, rounded half up.
 */
public final class Metrics {

    private Metrics() {
    }

    /** The service-level formula a tenant reports (REP-10). */
    public enum SlFormula {
        SL, SL2, OFFERED
    }

    /** Offered legs, less short abandons when they are excluded. */
    public static long offered(Figures f, ReportSettings s) {
        return f.offered() - (s.excludeShortAbandons() ? f.shortAbandoned() : 0);
    }

    /** Lost (abandoned) legs, less short abandons when they are excluded. */
    public static long lost(Figures f, ReportSettings s) {
        return f.abandoned() - (s.excludeShortAbandons() ? f.shortAbandoned() : 0);
    }

    /** Service level in percent by the tenant's formula, or null when nothing was counted. */
    public static BigDecimal serviceLevel(Figures f, ReportSettings s) {
        long shortInSl = s.excludeShortAbandons() ? f.shortAbandoned() : 0;
        return switch (s.formula()) {
            case SL -> percent(f.answeredInSl(), f.answered());
            case SL2 -> percent(f.answeredInSl() + f.abandonedInSl() - shortInSl, f.answered() + lost(f, s));
            case OFFERED -> percent(f.answeredInSl(), offered(f, s));
        };
    }

    public static BigDecimal abandonRate(Figures f, ReportSettings s) {
        return percent(lost(f, s), offered(f, s));
    }

    /** Average speed of answer, whole seconds. */
    public static Long asa(Figures f) {
        return averageSeconds(f.answeredWaitSum(), f.answered());
    }

    /** Average handle time, whole seconds. */
    public static Long aht(Figures f) {
        return averageSeconds(f.talkSum(), f.answered());
    }

    /** Occupancy in percent from time on calls and time available for calls. */
    public static BigDecimal occupancy(long onCallsMs, long availableMs) {
        return percent(onCallsMs, availableMs);
    }

    /** {@code part ÷ whole} in percent with one decimal (half up), or null when whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** An average of milliseconds in whole seconds (half up), or null when there is nothing to average. */
    public static Long averageSeconds(long sumMs, long count) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(sumMs).divide(BigDecimal.valueOf(count * 1000L), 0, RoundingMode.HALF_UP).longValue();
    }

    /** Milliseconds as whole seconds (half up): how every total, minimum and maximum is shown. */
    public static Long seconds(Long ms) {
        return ms == null ? null : (ms + 500) / 1000;
    }
}
