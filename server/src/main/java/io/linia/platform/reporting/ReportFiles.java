package io.linia.platform.reporting;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A report as a file, written while its pages are read (flat memory for any number of rows):
 * CSV (UTF-8 with a BOM, {@code ;} and decimal commas by default so Excel opens it right with
 * Cyrillic, or {@code ,} with decimal points), XLSX with typed cells, and PDF on landscape A4.
 * Durations are HH:MM:SS everywhere. Every module's reports use it (the call reports, REP-1..8;
 * the request report, CASE-6), mostly through {@link ReportFormat#write}; docs/reports.md.
 */
public final class ReportFiles {

    /** The heading of a column, in the reader's language. */
    @FunctionalInterface
    public interface Labels {
        String of(String key);
    }

    /** Feeds each page of the report to the consumer it is given. */
    @FunctionalInterface
    public interface Pages {
        void each(Consumer<ReportTable> page);
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReportFiles() {
    }

    /** HH:MM:SS; hours go past 24 for long totals. */
    public static String hms(Object seconds) {
        if (seconds == null) {
            return "";
        }
        long s = ((Number) seconds).longValue();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    // ------------------------------------------------------------------ CSV

    public static void csv(OutputStream out, char separator, Labels labels, Pages pages) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        boolean[] header = {false};
        try {
            pages.each(page -> {
                try {
                    if (!header[0]) {
                        header[0] = true;
                        line(w, separator, page.columns().stream().map(c -> labels.of(c.key())).toList());
                    }
                    for (List<Object> row : page.rows()) {
                        List<String> cells = new java.util.ArrayList<>(row.size());
                        for (int i = 0; i < row.size(); i++) {
                            cells.add(csvCell(page.columns().get(i).type(), row.get(i), separator));
                        }
                        line(w, separator, cells);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    private static String csvCell(ReportTable.Type type, Object value, char separator) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case SECONDS -> hms(value);
            case PERCENT -> {
                String s = ((BigDecimal) value).toPlainString();
                yield separator == ';' ? s.replace('.', ',') : s;
            }
            case DATETIME -> ((LocalDateTime) value).format(DATE_TIME);
            case NUMBER -> value.toString();
            case TEXT -> neutralize(value.toString());
        };
    }

    /**
     * A text cell a spreadsheet would run as a formula ({@code =}, {@code @}, or {@code +}/{@code -}
     * not followed by a plain number) gets a leading apostrophe.
     */
    public static String neutralize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        boolean risky = c == '=' || c == '@' || c == '\t' || c == '\r'
                || ((c == '+' || c == '-') && !s.matches("[+-]\\d+"));
        return risky ? "'" + s : s;
    }

    private static void line(Writer w, char separator, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(separator);
            }
            String c = cells.get(i);
            if (c.indexOf(separator) >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"');
                w.write(c.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }

    // ------------------------------------------------------------------ XLSX

    public static void xlsx(OutputStream out, String sheet, Labels labels, Pages pages) throws IOException {
        Workbook wb = new Workbook(out, "Linia", "1.0");
        Worksheet ws = wb.newWorksheet(sheet);
        int[] r = {0};
        try {
            pages.each(page -> {
                if (r[0] == 0) {
                    for (int c = 0; c < page.columns().size(); c++) {
                        ws.value(0, c, labels.of(page.columns().get(c).key()));
                        ws.style(0, c).bold().set();
                    }
                    r[0] = 1;
                }
                for (List<Object> row : page.rows()) {
                    int at = r[0]++;
                    for (int c = 0; c < row.size(); c++) {
                        Object v = row.get(c);
                        if (v == null) {
                            continue;
                        }
                        switch (page.columns().get(c).type()) {
                            case SECONDS -> {
                                // a spreadsheet time: a fraction of a day, shown [h]:mm:ss
                                ws.value(at, c, ((Number) v).longValue() / 86400.0);
                                ws.style(at, c).format("[h]:mm:ss").set();
                            }
                            case PERCENT -> {
                                ws.value(at, c, (BigDecimal) v);
                                ws.style(at, c).format("0.0").set();
                            }
                            case DATETIME -> {
                                ws.value(at, c, (LocalDateTime) v);
                                ws.style(at, c).format("yyyy-mm-dd hh:mm:ss").set();
                            }
                            case NUMBER -> ws.value(at, c, (Number) v);
                            case TEXT -> ws.value(at, c, v.toString());
                        }
                    }
                }
                try {
                    ws.flush(); // rows so far go to the stream
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        wb.finish();
    }

    // ------------------------------------------------------------------ PDF

    /** Liberation Sans (Cyrillic included), embedded; loaded once. */
    private static final class Fonts {
        static final BaseFont SANS;

        static {
            try (var in = ReportFiles.class.getResourceAsStream("/liberation/LiberationSans-Regular.ttf")) {
                SANS = BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                        in.readAllBytes(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void pdf(OutputStream out, String title, Labels labels, Pages pages) throws IOException {
        Document doc = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Font heading = new Font(Fonts.SANS, 11, Font.BOLD);
        Font head = new Font(Fonts.SANS, 7, Font.BOLD);
        Font cell = new Font(Fonts.SANS, 7);
        doc.add(new Paragraph(title, heading));
        PdfPTable[] table = {null};
        pages.each(page -> {
            if (table[0] == null) {
                table[0] = new PdfPTable(page.columns().size());
                table[0].setWidthPercentage(100);
                table[0].setHeaderRows(1);
                table[0].setComplete(false);
                table[0].setSpacingBefore(8);
                for (ReportTable.Column c : page.columns()) {
                    PdfPCell h = new PdfPCell(new Phrase(labels.of(c.key()), head));
                    h.setGrayFill(0.9f);
                    table[0].addCell(h);
                }
            }
            for (List<Object> row : page.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    ReportTable.Type type = page.columns().get(i).type();
                    Object v = row.get(i);
                    String text = v == null ? "" : switch (type) {
                        case SECONDS -> hms(v);
                        case PERCENT -> ((BigDecimal) v).toPlainString();
                        case DATETIME -> ((LocalDateTime) v).format(DATE_TIME);
                        default -> v.toString();
                    };
                    PdfPCell c = new PdfPCell(new Phrase(text, cell));
                    c.setHorizontalAlignment(type == ReportTable.Type.TEXT ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
                    table[0].addCell(c);
                }
            }
            doc.add(table[0]); // what is complete goes to the stream
        });
        if (table[0] != null) {
            table[0].setComplete(true);
            doc.add(table[0]);
        }
        doc.close();
    }
}
