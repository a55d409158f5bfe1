package io.linia.platform.reporting;

import java.util.List;

/**
 * A report as a table, the one shape every format renders (JSON, CSV, XLSX, PDF): typed
 * columns and rows of values in column order. Durations are whole seconds (shown HH:MM:SS),
 * percentages have one decimal, date-times are local to the tenant's zone.
 *
 * @param next the cursor of the next page of a detail report, or null on the last page
 */
public record ReportTable(String report, List<Column> columns, List<List<Object>> rows, String next) {

    /** How a column's values are shown. */
    public enum Type {
        TEXT, NUMBER, SECONDS, PERCENT, DATETIME
    }

    /** A column: its key (JSON field, message key {@code report.column.<key>}) and type. */
    public record Column(String key, Type type) {
    }

    public static Column text(String key) {
        return new Column(key, Type.TEXT);
    }

    public static Column number(String key) {
        return new Column(key, Type.NUMBER);
    }

    public static Column seconds(String key) {
        return new Column(key, Type.SECONDS);
    }

    public static Column percent(String key) {
        return new Column(key, Type.PERCENT);
    }

    public static Column dateTime(String key) {
        return new Column(key, Type.DATETIME);
    }
}
