package io.linia.asterisk.cdr;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A FreePBX {@code asteriskcdrdb} on MySQL or MariaDB, read with plain JDBC (TEL-4, TEL-7): no
 * pool and no Spring data source, as an import or a test opens one connection and closes it.
 * What fails is classified so that the administrator is told which setting to fix.
 */
public record SourceDatabase(String host, int port, String database, String username, String password, ZoneId zone,
                             String queueLogTable, String cdrTable) {

    /** The columns an import reads; {@code data} or {@code data1..data5} and {@code id} are looked up apart. */
    static final List<String> QUEUE_LOG_COLUMNS = List.of("time", "callid", "queuename", "agent", "event");
    static final List<String> CDR_COLUMNS = List.of("calldate", "src", "dst", "channel", "dstchannel", "lastapp",
            "disposition", "duration", "billsec", "uniqueid", "linkedid");

    /** Why a connection or a check failed, and the setting to fix. */
    public enum Failure {
        DNS("host"), TIMEOUT("host"), REFUSED("port"), AUTH("password"), UNKNOWN_DATABASE("database"),
        NO_ACCESS("username"), MISSING_TABLE(null), MISSING_COLUMN(null), OTHER("host");

        final String field;

        Failure(String field) {
            this.field = field;
        }
    }

    /** A failure with the setting to fix (a table's setting for a missing table or column). */
    public static final class SourceException extends Exception {
        private final Failure failure;
        private final String field;

        SourceException(Failure failure, String field, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
            this.field = field == null ? failure.field : field;
        }

        public Failure failure() {
            return failure;
        }

        public String field() {
            return field;
        }
    }

    public String describe() {
        return username + "@" + host + ":" + port + "/" + database;
    }

    /** Opens a connection: 5 s to connect, a minute at most per read. */
    public Connection connect() throws SourceException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("connectTimeout", "5000");
        p.setProperty("socketTimeout", "60000");
        // never let the server ask for a file of ours
        p.setProperty("allowLocalInfile", "false");
        p.setProperty("permitMysqlScheme", "true");
        try {
            Connection c = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + database, p);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    /** Connects and checks that the configured tables are there with the columns an import reads. */
    public void check() throws SourceException {
        try (Connection c = connect()) {
            if (queueLogTable != null) {
                Set<String> cols = columns(c, queueLogTable, "queueLogTable");
                require(cols, queueLogTable, "queueLogTable", QUEUE_LOG_COLUMNS);
                if (!cols.contains("data") && !cols.contains("data1")) {
                    throw new SourceException(Failure.MISSING_COLUMN, "queueLogTable", "The table " + database + "."
                            + queueLogTable + " has neither a column data nor data1..data5", null);
                }
            }
            if (cdrTable != null) {
                require(columns(c, cdrTable, "cdrTable"), cdrTable, "cdrTable", CDR_COLUMNS);
            }
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    /** The table's columns (lower case); a table the user may not read counts as missing. */
    Set<String> columns(Connection c, String table, String field) throws SQLException, SourceException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("select column_name from information_schema.columns"
                + " where table_schema = ? and table_name = ?")) {
            s.setString(1, database);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (out.isEmpty()) {
            throw new SourceException(Failure.MISSING_TABLE, field, "No table " + database + "." + table
                    + " (or the user " + username + " may not read it: GRANT SELECT ON " + database + ".* TO it)", null);
        }
        return out;
    }

    private void require(Set<String> cols, String table, String field, List<String> needed) throws SourceException {
        for (String col : needed) {
            if (!cols.contains(col)) {
                throw new SourceException(Failure.MISSING_COLUMN, field, "The table " + database + "." + table
                        + " has no column " + col, null);
            }
        }
    }

    /** What went wrong, from the driver's exception: the cause chain, then MySQL's error codes. */
    SourceException classify(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SourceException(Failure.DNS, null, "The host name " + host + " does not resolve", e);
            }
            if (t instanceof ConnectException) {
                return new SourceException(Failure.REFUSED, null, "Nothing listens on " + host + ":" + port
                        + " (is MySQL/MariaDB there, bind-address, a firewall?)", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new SourceException(Failure.TIMEOUT, null, "No answer from " + host + ":" + port + " within 5 s", e);
            }
        }
        return switch (e.getErrorCode()) {
            case 1045 -> new SourceException(Failure.AUTH, null, "The user " + username
                    + " was refused: wrong password, or not allowed from Linia's address", e);
            case 1044 -> new SourceException(Failure.NO_ACCESS, null, "The user " + username + " may not use the database "
                    + database + " (GRANT SELECT ON " + database + ".* TO it)", e);
            case 1049 -> new SourceException(Failure.UNKNOWN_DATABASE, null, "No database " + database, e);
            default -> {
                String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("unknownhost") || m.contains("unknown host")) {
                    yield new SourceException(Failure.DNS, null, "The host name " + host + " does not resolve", e);
                }
                if (m.contains("connection refused")) {
                    yield new SourceException(Failure.REFUSED, null, "Nothing listens on " + host + ":" + port, e);
                }
                yield new SourceException(Failure.OTHER, null, "The database did not answer as expected: "
                        + e.getMessage(), e);
            }
        };
    }
}
