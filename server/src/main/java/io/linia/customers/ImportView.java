package io.linia.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An uploaded file and the outcome of its last preview or run (CRM-5). {@code status}:
 * {@code UPLOADED}, {@code PREVIEWED} (checked, nothing written), {@code REJECTED} (all or
 * nothing and some row was bad: nothing written), {@code IMPORTED}, {@code FAILED} (an
 * unexpected error: nothing written). {@code report} holds the first {@value CustomerImports#REPORT_LIMIT}
 * entries; the whole report is at {@code …/report.csv}.
 */
public record ImportView(UUID id, String fileName, long size, String encoding, String separator, String status,
                         List<String> columns, Map<String, String> mapping, List<List<String>> sample, int rows,
                         int created, int updated, int skipped, int rejected, List<ReportLine> report,
                         Instant createdAt, Instant finishedAt) {

    /**
     * A line of the report: the file's line where the record starts, the column and card field
     * at fault (when one is), a machine-readable code and the reason; {@code skipped} for a
     * duplicate left out by policy rather than a bad row.
     */
    public record ReportLine(int line, String column, String field, String code, String reason, boolean skipped) {
    }
}
