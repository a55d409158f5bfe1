package io.linia.asterisk.cdr;

import io.linia.asterisk.queuelog.QueueLogImport;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Set;

/**
 * The queue_log table Asterisk's realtime queue log writes (TEL-4): each row becomes the very
 * text line the queue_log file has for it ({@code epoch|callid|queue|agent|event|data…}), so
 * the rows go through {@link QueueLogImport} as a file's lines do. Asterisk writes {@code time}
 * as local {@code YYYY-MM-DD HH:MM:SS.ffffff} (a datetime or a varchar; old versions an epoch),
 * and the data either split over {@code data1..data5} (queue_adaptive_realtime) or joined by
 * {@code |} in {@code data}.
 *
 * <p>Positions: with an {@code id} column (auto-increment, the usual schema) a row's position is
 * its id, the line number too, so a report names the row. Without one, positions are the rows'
 * times in microseconds and a next import reads the last second again (nothing is stored twice).
 */
final class QueueLogTable implements QueueLogImport.Source {

    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Connection connection;
    private final String table;
    private final ZoneId zone;
    private final boolean byId;
    private final boolean split;
    private final boolean joined;

    QueueLogTable(Connection connection, String table, ZoneId zone, Set<String> columns) {
        this.connection = connection;
        this.table = table;
        this.zone = zone;
        this.byId = columns.contains("id");
        this.split = columns.contains("data1");
        this.joined = columns.contains("data");
    }

    @Override
    public long size() throws IOException {
        String sql = byId ? "select coalesce(max(id), 0) + 1 from `" + table + "`" : "select max(time) from `" + table + "`";
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            if (byId) {
                return rs.getLong(1);
            }
            String max = rs.getString(1);
            Long micros = max == null ? null : micros(max);
            return micros == null ? 0 : micros;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public QueueLogImport.Lines open(long from, long linesBefore) throws IOException {
        StringBuilder sql = new StringBuilder("select ").append(byId ? "id" : "null").append(", time, callid, queuename, agent, event");
        if (split) {
            sql.append(", data1, data2, data3, data4, data5");
        }
        if (joined) {
            sql.append(", data");
        }
        sql.append(" from `").append(table).append('`');
        sql.append(byId ? " where id >= ? order by id" : " where time >= ? order by time");
        try {
            PreparedStatement s = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            s.setFetchSize(1000); // the driver streams the rows instead of reading the whole table first
            if (byId) {
                s.setLong(1, from);
            } else {
                s.setString(1, LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(from * 1000), zone).format(KEY));
            }
            return new Rows(s, s.executeQuery(), linesBefore);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String failure(IOException e) {
        return "Could not read the table " + table + ": " + e.getMessage();
    }

    /** A {@code time} value as microseconds since the epoch, or null when it is neither a date-time nor an epoch. */
    Long micros(String time) {
        String t = time.strip();
        if (t.matches("[0-9]{1,11}(\\.[0-9]{1,6})?")) {
            int dot = t.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
            long fraction = dot < 0 ? 0 : Long.parseLong((t.substring(dot + 1) + "00000").substring(0, 6));
            return seconds * 1_000_000 + fraction;
        }
        try {
            Instant at = LocalDateTime.parse(t, TIME).atZone(zone).toInstant();
            return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The queue_log file's time field for a row: Unix seconds, with milliseconds when there are any. */
    static String epoch(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000);
        long millis = Math.floorMod(micros, 1_000_000) / 1000;
        return millis == 0 ? Long.toString(seconds) : seconds + "." + String.format("%03d", millis);
    }

    private final class Rows implements QueueLogImport.Lines {
        private final PreparedStatement statement;
        private final ResultSet rs;
        private long number;
        private long offset;
        private long position;

        Rows(PreparedStatement statement, ResultSet rs, long linesBefore) {
            this.statement = statement;
            this.rs = rs;
            this.number = linesBefore;
        }

        @Override
        public String next() throws IOException {
            try {
                if (!rs.next()) {
                    return null;
                }
                String time = rs.getString(2);
                Long micros = time == null ? null : micros(time);
                if (byId) {
                    long id = rs.getLong(1);
                    number = id;
                    offset = id;
                    position = id + 1;
                } else {
                    number++;
                    offset = micros == null ? position : micros;
                    position = offset;
                }
                StringBuilder line = new StringBuilder(96);
                // a time that is neither becomes the file's "not a Unix time" line, reported by row
                line.append(micros == null ? "row time '" + time + "'" : epoch(micros));
                for (int i = 3; i <= 6; i++) {
                    line.append('|').append(text(rs.getString(i)));
                }
                String[] data = data();
                int n = data.length;
                while (n > 1 && data[n - 1].isEmpty()) {
                    n--; // the file writes no trailing empty fields; keep one, as Asterisk does
                }
                for (int i = 0; i < n; i++) {
                    line.append('|').append(data[i]);
                }
                return line.toString();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        private String[] data() throws SQLException {
            String whole = joined ? text(rs.getString(split ? 12 : 7)) : "";
            if (split) {
                String[] d = new String[5];
                boolean any = false;
                for (int i = 0; i < 5; i++) {
                    d[i] = text(rs.getString(7 + i));
                    any |= !d[i].isEmpty();
                }
                if (any || whole.isEmpty()) {
                    return d;
                }
            }
            return whole.split("\\|", -1);
        }

        private static String text(String s) {
            return s == null ? "" : s;
        }

        @Override
        public long lineNumber() {
            return number;
        }

        @Override
        public long lineOffset() {
            return offset;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            try {
                rs.close();
                statement.close();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
