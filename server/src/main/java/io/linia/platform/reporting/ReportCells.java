package io.linia.platform.reporting;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** What a report page shows: filter choices and table cells formatted by column type, for every report page. */
public final class ReportCells {

    /** Date-times as a report page shows them. */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReportCells() {
    }

    /** A filter choice: its value, its label and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /** A formatted cell; numbers are right-aligned. */
    public record Cell(String text, boolean numeric) {
    }

    /** A value of a column of the given type as a page cell; an empty value is a dash. */
    public static Cell cell(ReportTable.Type type, Object v) {
        if (v == null) {
            return new Cell("—", type != ReportTable.Type.TEXT);
        }
        return switch (type) {
            case SECONDS -> new Cell(ReportFiles.hms(v), true);
            case PERCENT -> new Cell(((BigDecimal) v).toPlainString(), true);
            case DATETIME -> new Cell(((LocalDateTime) v).format(SHOWN), false);
            case NUMBER -> new Cell(v.toString(), true);
            case TEXT -> new Cell(v.toString(), false);
        };
    }
}
