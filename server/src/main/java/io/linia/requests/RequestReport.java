package io.linia.requests;

import java.time.Instant;
import java.util.List;

/**
 * The analytic report on requests (CASE-6): per group, the requests registered in the period and
 * what became of them.
 *
 * @param by the grouping: {@code type}, {@code channel}, {@code executor}, {@code project} or {@code status}
 * @param total the same figures over every row (a median is not the sum of medians)
 */
public record RequestReport(Instant from, Instant to, String by, List<Row> rows, Row total) {

    /**
     * @param registered              requests registered in the period
     * @param resolved                of them, in a final status now
     * @param open                    of them, not resolved
     * @param avgResolutionMinutes    mean time from registration to resolution of the resolved ones, one
     *                                decimal; null if none
     * @param medianResolutionMinutes their median
     * @param reactionBreaches        reaction deadlines passed unmet (escalated)
     * @param resolutionBreaches      resolution deadlines passed unmet (escalated)
     * @param avgResolutionSeconds    the mean in whole seconds (what the files show as HH:MM:SS)
     * @param medianResolutionSeconds the median in whole seconds
     */
    public record Row(String key, String label, long registered, long resolved, long open, Double avgResolutionMinutes,
                      Double medianResolutionMinutes, long reactionBreaches, long resolutionBreaches,
                      Long avgResolutionSeconds, Long medianResolutionSeconds) {
    }
}
