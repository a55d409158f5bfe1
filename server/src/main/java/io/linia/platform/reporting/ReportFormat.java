package io.linia.platform.reporting;

import io.linia.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The form a report is asked for: JSON (each report's own shape) or a file of its table. One
 * rule for every report URL (docs/reports.md "Exports"): {@code format=json|csv|xlsx|pdf} wins;
 * without it the {@code Accept} header chooses a file type it names, else JSON. An unknown
 * {@code format} or {@code separator} is a 422 naming the parameter.
 */
public enum ReportFormat {

    JSON(MediaType.APPLICATION_JSON),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8")),
    XLSX(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    PDF(MediaType.APPLICATION_PDF);

    private final MediaType mediaType;

    ReportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The file name extension: {@code csv}, {@code xlsx}, {@code pdf} ({@code json} for JSON). */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From the {@code format} parameter, else from {@code Accept}; JSON when neither names a file type. */
    public static ReportFormat negotiate(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "xlsx" -> XLSX;
                case "pdf" -> PDF;
                default -> throw new InvalidInputException("unknown_format", "format", "json, csv, xlsx or pdf");
            };
        }
        if (accept != null) {
            if (accept.contains("text/csv")) {
                return CSV;
            }
            if (accept.contains("spreadsheetml")) {
                return XLSX;
            }
            if (accept.contains("application/pdf")) {
                return PDF;
            }
        }
        return JSON;
    }

    /** The CSV separator: {@code ;} (the default, with decimal commas) or {@code ,} (with decimal points). */
    public static char separator(String separator) {
        if (separator == null || separator.isBlank() || separator.equals(";") || separator.equalsIgnoreCase("semicolon")) {
            return ';';
        }
        if (separator.equals(",") || separator.equalsIgnoreCase("comma")) {
            return ',';
        }
        throw new InvalidInputException("unknown_separator", "separator", "; (semicolon, the default) or , (comma)");
    }

    /**
     * Writes the report as this format's file straight to the response while its pages are
     * read (flat memory for any size), as the attachment {@code <name>.<extension>}.
     *
     * @param separator the CSV separator ({@link #separator(String)}); ignored by XLSX and PDF
     * @param sheet     the XLSX sheet's name (at most 31 characters, no {@code []:*?/\})
     * @param title     the heading of the PDF
     */
    public void write(HttpServletResponse response, char separator, String name, String sheet, String title,
                      ReportFiles.Labels labels, ReportFiles.Pages pages) throws IOException {
        if (this == JSON) {
            throw new IllegalStateException("JSON is each report's own shape, not a file of its table");
        }
        response.setContentType(mediaType.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name + "." + extension()).build().toString());
        OutputStream out = response.getOutputStream();
        switch (this) {
            case CSV -> ReportFiles.csv(out, separator, labels, pages);
            case XLSX -> ReportFiles.xlsx(out, sheet, labels, pages);
            default -> ReportFiles.pdf(out, title, labels, pages);
        }
        out.flush();
    }
}
