package io.linia.reports;

/**
 * A tenant's report settings (REP-10): the service-level formula, and the wait under which an
 * abandon is short (1–5 s, inside the first service-level bucket) and whether short abandons
 * are left out of lost, offered and the service level.
 */
public record ReportSettings(Metrics.SlFormula formula, int shortAbandonSeconds, boolean excludeShortAbandons) {

    public static final ReportSettings DEFAULTS = new ReportSettings(Metrics.SlFormula.SL, 5, false);
}
