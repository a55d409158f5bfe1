/**
 * Reports as files, shared by every module that reports (the call reports REP-1..8, the
 * request report CASE-6): the table shape every format renders ({@link io.linia.platform.reporting.ReportTable}),
 * the CSV/XLSX/PDF writers ({@link io.linia.platform.reporting.ReportFiles}) and the one rule
 * that picks the format from {@code format=} or {@code Accept} and streams the file
 * ({@link io.linia.platform.reporting.ReportFormat}). Formatting only: what a report counts
 * belongs to its module. docs/reports.md "Exports".
 */
package io.linia.platform.reporting;
