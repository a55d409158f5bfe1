package io.linia.customers.internal;

import io.linia.platform.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reading an uploaded CSV file (CRM-5). Pure.
 *
 * <p>Encodings: UTF-8 (with or without a byte-order mark) and Windows-1251. "auto" takes UTF-8
 * when the file starts with the BOM or is valid UTF-8 throughout (text in Windows-1251 with
 * Cyrillic letters practically never is), else Windows-1251. A file that is not valid in the
 * encoding chosen is refused naming the encoding and the byte where it breaks.
 *
 * <p>Separators: {@code ;} (what Excel writes in Russian locales) and {@code ,}; "auto" counts
 * both in the header line outside quotes and takes the more frequent ({@code ;} on a tie).
 * Quoting follows RFC 4180 (Apache Commons CSV): a quoted cell may hold separators, doubled
 * quotes and line breaks, so a record may span lines; each record knows the line it starts on.
 */
public final class CsvFiles {

    public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    /** A record of the file: the line it starts on (the header is line 1) and its cells. */
    public record Row(int line, List<String> cells) {
    }

    /** The file read: encoding and separator used, the header's column names, the records after it. */
    public record Table(String encoding, char separator, List<String> columns, List<Row> rows) {
    }

    private CsvFiles() {
    }

    /** {@code UTF-8} or {@code windows-1251} for a requested encoding ({@code null}/{@code auto}: detect). */
    public static String encoding(byte[] bytes, String requested) {
        String r = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "", "auto" -> hasBom(bytes) || validUtf8(bytes) ? "UTF-8" : "windows-1251";
            case "utf-8", "utf8" -> "UTF-8";
            case "windows-1251", "cp1251", "win1251", "windows1251" -> "windows-1251";
            default -> throw new InvalidInputException("unknown_encoding", "encoding",
                    "Encoding is UTF-8, windows-1251 or auto, not '" + requested + "'");
        };
    }

    /** The text of the file in {@code encoding} (a BOM dropped); a byte sequence invalid in it is a 422 naming it. */
    public static String decode(byte[] bytes, String encoding) {
        Charset charset = encoding.equals("UTF-8") ? StandardCharsets.UTF_8 : WINDOWS_1251;
        int start = charset == StandardCharsets.UTF_8 && hasBom(bytes) ? 3 : 0;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("wrong_encoding", "encoding", "The file is not valid " + encoding
                    + " (at byte " + in.position() + "); choose the encoding it was saved in");
        }
    }

    /** {@code ;} or {@code ,} for a requested separator ({@code null}/{@code auto}: detect from the header line). */
    public static char separator(String text, String requested) {
        String r = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        switch (r) {
            case ";", "semicolon":
                return ';';
            case ",", "comma":
                return ',';
            case "", "auto":
                break;
            default:
                throw new InvalidInputException("unknown_separator", "separator",
                        "The separator is ';', ',' or auto, not '" + requested + "'");
        }
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return commas > semicolons ? ',' : ';';
    }

    /** Reads the header and at most {@code maxRows} records ({@code Integer.MAX_VALUE}: all). */
    public static Table read(byte[] bytes, String encoding, String separator, int maxRows) {
        String enc = encoding(bytes, encoding);
        String text = decode(bytes, enc);
        char sep = separator(text, separator);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(sep).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            int[] lineStarts = lineStarts(text);
            for (CSVRecord record : parser) {
                int startLine = lineOf(lineStarts, firstCharacter(text, record.getCharacterPosition()));
                List<String> cells = record.toList();
                if (columns == null) {
                    columns = header(cells);
                    continue;
                }
                if (rows.size() >= maxRows) {
                    break;
                }
                rows.add(new Row(startLine, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new InvalidInputException("malformed_csv", "file", "The file is not valid CSV: " + e.getMessage());
        }
        if (columns == null) {
            throw new InvalidInputException("empty", "file", "The file is empty: it needs a header line with column names");
        }
        return new Table(enc, sep, columns, rows);
    }

    /** Offsets where lines 2, 3 … start (after each {@code \n}). */
    private static int[] lineStarts(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** A record's position is where the parser began reading it, before the empty lines it skipped. */
    private static long firstCharacter(String text, long position) {
        int i = (int) position;
        while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    /** The 1-based line of a character offset: lines started at or before it, plus one. */
    private static int lineOf(int[] starts, long offset) {
        int i = java.util.Arrays.binarySearch(starts, (int) offset);
        return (i >= 0 ? i + 1 : -i - 1) + 1;
    }

    private static List<String> header(List<String> cells) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                name = "#" + (i + 1);
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("duplicate_column", "file", "Column '" + name + "' appears twice in the header");
            }
            out.add(name);
        }
        return out;
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
