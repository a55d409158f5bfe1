/**
 * Historical reports (SPEC §9, REP-1..8, REP-10, REP-11): the inbound report set over the
 * report facts the ACD keeps ({@link io.linia.acd.ReportFacts}: call legs and their
 * quarter-hour rollups), the metric definitions in one place ({@link io.linia.reports.Metrics}),
 * and their exports (written by the shared {@link io.linia.platform.reporting.ReportFormat}). The
 * root package is the API: {@link io.linia.reports.Reports}.
 */
package io.linia.reports;
