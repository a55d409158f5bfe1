package io.linia.requests.web;

import static io.linia.platform.reporting.ReportTable.number;
import static io.linia.platform.reporting.ReportTable.seconds;
import static io.linia.platform.reporting.ReportTable.text;

import io.linia.identity.TenantService;
import io.linia.platform.TenantId;
import io.linia.platform.reporting.ReportFiles;
import io.linia.platform.reporting.ReportTable;
import io.linia.requests.RequestReport;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The request report (CASE-6) as the one table its page and its files show, in the reader's
 * language: the group's name, registered, resolved, open, mean and median time to resolve
 * (HH:MM:SS, whole seconds), reaction and resolution breaches, the group's key; the total last.
 * Headings come from {@code req.report.column.*} in {@code i18n/requests}.
 */
@Component
class RequestReportTables {

    /** The groupings, in the order the page offers them. */
    static final List<String> GROUPS = List.of("type", "status", "executor", "channel", "project");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final TenantService tenants;

    RequestReportTables(MessageSource messages, TenantService tenants) {
        this.messages = messages;
        this.tenants = tenants;
    }

    /** The tenant's time zone, in which periods are chosen and shown. */
    ZoneId zone(TenantId tenant) {
        try {
            return ZoneId.of(tenants.get(tenant).timeZone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    ReportTable table(RequestReport r, Locale locale) {
        List<ReportTable.Column> columns = List.of(text(r.by()), number("registered"), number("resolved"),
                number("open"), seconds("avgResolution"), seconds("medianResolution"), number("reactionBreaches"),
                number("resolutionBreaches"), text("key"));
        List<List<Object>> rows = new ArrayList<>();
        for (RequestReport.Row row : r.rows()) {
            rows.add(cells(label(r.by(), row, locale), row, row.key()));
        }
        rows.add(cells(message("req.report.total", "Total", locale), r.total(), ""));
        return new ReportTable("requests-" + r.by(), columns, rows, null);
    }

    /** Headings of the table's columns. */
    ReportFiles.Labels labels(Locale locale) {
        return key -> message("req.report.column." + key, key, locale);
    }

    /** "Request report · Type · 2026-11-01 00:00 – 2026-12-01 00:00 (Europe/Moscow)": the PDF's heading. */
    String title(RequestReport r, ZoneId zone, Locale locale) {
        return message("req.report.title", "Request report", locale) + " · " + labels(locale).of(r.by()) + " · "
                + LocalDateTime.ofInstant(r.from(), zone).format(SHOWN) + " – "
                + LocalDateTime.ofInstant(r.to(), zone).format(SHOWN) + " (" + zone.getId() + ")";
    }

    /** {@code requests-by-type-2026-11-01}: the file's name without its extension. */
    static String fileName(RequestReport r, ZoneId zone) {
        return "requests-by-" + r.by() + "-" + LocalDate.ofInstant(r.from(), zone);
    }

    /** The name a person reads: channels and "unassigned" in the reader's language, the rest as the tenant named them. */
    String label(String by, RequestReport.Row row, Locale locale) {
        if (by.equals("executor") && row.key().isEmpty()) {
            return message("req.unassigned", "Unassigned", locale);
        }
        if (by.equals("channel")) {
            return message("req.channel." + row.key(), row.label(), locale);
        }
        return row.label();
    }

    private static List<Object> cells(String label, RequestReport.Row row, String key) {
        return Arrays.asList(label, row.registered(), row.resolved(), row.open(), row.avgResolutionSeconds(),
                row.medianResolutionSeconds(), row.reactionBreaches(), row.resolutionBreaches(), key);
    }

    private String message(String code, String fallback, Locale locale) {
        return messages.getMessage(code, null, fallback, locale);
    }
}
