package io.linia.asterisk.cdr;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's CDR database (TEL-7): where FreePBX keeps {@code asteriskcdrdb}, the user Linia reads
 * it as (the password encrypted with the tenant's data key, never shown again), the PBX's time
 * zone and the tables to import. Saving connects and checks the tables first; what fails is a
 * 422 on the setting to fix. docs/asterisk.md.
 */
@Service
public class CdrDatabaseSettings {

    private static final byte[] PASSWORD_AAD = "asterisk:cdr-database-password".getBytes(StandardCharsets.UTF_8);
    private static final String NAME = "[A-Za-z0-9_$]{1,64}";

    /** What an administrator sees: the password only as whether one is set; how far imports have read. */
    public record View(String host, int port, String database, String username, boolean passwordSet, String timeZone,
                       String queueLogTable, String cdrTable, Long queueLogPosition, String cdrCalldate,
                       String cdrUniqueid, int version) {
    }

    /**
     * A change: {@code null} leaves a value as it is (a first save needs host, username and
     * password); {@code password} is write-only; {@code queueLogTable}/{@code cdrTable} "" turn
     * that table's import off.
     */
    public record Change(String host, Integer port, String database, String username, String password, String timeZone,
                         String queueLogTable, String cdrTable) {
    }

    /** The outcome of a connection test: {@code kind} and {@code field} when it failed. */
    public record TestResult(boolean ok, String kind, String field, String message) {
    }

    private final JdbcClient jdbc;
    private final TenantCrypto crypto;
    private final AuditLog audit;
    private final Clock clock;

    CdrDatabaseSettings(JdbcClient jdbc, TenantCrypto crypto, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.audit = audit;
        this.clock = clock;
    }

    private record Row(String host, int port, String database, String username, byte[] password, String timeZone,
                       String queueLogTable, String cdrTable, String queueLogCursor, String cdrCalldate,
                       String cdrUniqueid, int version) {
    }

    private Optional<Row> row(TenantId tenant) {
        return jdbc.sql("""
                select host, port, database_name, username, password, time_zone, queue_log_table, cdr_table,
                       queue_log_cursor, cdr_calldate, cdr_uniqueid, version
                  from asterisk_cdr_database where tenant_id = ?""").param(tenant.value())
                .query((rs, i) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getInt(12))).optional();
    }

    /** The settings; 404 when the tenant has none. */
    public View get(TenantId tenant) {
        Row r = row(tenant).orElseThrow(() -> new NotFoundException("No CDR database is configured"));
        Long position = null;
        if (r.queueLogCursor() != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"newFrom\"\\s*:\\s*(\\d+)").matcher(r.queueLogCursor());
            position = m.find() ? Long.parseLong(m.group(1)) : null;
        }
        return new View(r.host(), r.port(), r.database(), r.username(), r.password() != null, r.timeZone(),
                r.queueLogTable(), r.cdrTable(), position, r.cdrCalldate(), r.cdrUniqueid(), r.version());
    }

    /** The tenant's database, password decrypted, for an import or a test. */
    public SourceDatabase source(TenantId tenant) {
        Row r = row(tenant).orElseThrow(() -> new NotFoundException("No CDR database is configured"));
        return source(tenant, r);
    }

    private SourceDatabase source(TenantId tenant, Row r) {
        String password = r.password() == null ? null
                : new String(crypto.decrypt(tenant, r.password(), PASSWORD_AAD), StandardCharsets.UTF_8);
        return new SourceDatabase(r.host(), r.port(), r.database(), r.username(), password, ZoneId.of(r.timeZone()),
                r.queueLogTable(), r.cdrTable());
    }

    /** Changes the settings; the connection and the tables are checked first unless {@code verify} is false. */
    @Transactional
    public View update(TenantId tenant, Change c, boolean verify) {
        Optional<Row> old = row(tenant);
        Row o = old.orElse(new Row(null, 3306, "asteriskcdrdb", null, null, "UTC", null, "cdr", null, null, null, 0));
        String host = c.host() == null ? o.host() : c.host().strip();
        if (host == null || !host.matches("[A-Za-z0-9._:\\-\\[\\]]{1,255}")) {
            throw new InvalidInputException("required", "host", "The MySQL/MariaDB host name or address is required");
        }
        int port = c.port() == null ? o.port() : c.port();
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("range", "port", "A port is 1..65535 (MySQL listens on 3306)");
        }
        String database = c.database() == null ? o.database() : c.database().strip();
        if (!database.matches(NAME)) {
            throw new InvalidInputException("format", "database", "A database name of letters, digits and _ (asteriskcdrdb)");
        }
        String username = c.username() == null ? o.username() : c.username().strip();
        if (username == null || username.isEmpty() || username.length() > 100) {
            throw new InvalidInputException("required", "username", "The MySQL user Linia reads as is required");
        }
        String zone = c.timeZone() == null ? o.timeZone() : c.timeZone().strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("unknown_zone", "timeZone", "A time zone such as Europe/Moscow or UTC");
        }
        String queueLogTable = table(c.queueLogTable(), o.queueLogTable(), "queueLogTable");
        String cdrTable = table(c.cdrTable(), o.cdrTable(), "cdrTable");
        if (queueLogTable == null && cdrTable == null) {
            throw new InvalidInputException("nothing_to_import", "cdrTable", "Name the cdr table, the queue_log table or both");
        }
        if (c.password() == null && o.password() == null) {
            throw new InvalidInputException("required", "password", "The MySQL user's password is required");
        }
        byte[] password = c.password() == null ? o.password()
                : crypto.encrypt(tenant, c.password().getBytes(StandardCharsets.UTF_8), PASSWORD_AAD);
        Row next = new Row(host, port, database, username, password, zone, queueLogTable, cdrTable, null, null, null, 0);
        if (verify) {
            TestResult t = test(source(tenant, next));
            if (!t.ok()) {
                throw new InvalidInputException("cdr_db_" + t.kind().toLowerCase(Locale.ROOT), t.field(), t.message());
            }
        }
        // positions in another server or database mean nothing
        boolean sameSource = old.isPresent() && Objects.equals(o.host(), host) && o.port() == port
                && o.database().equals(database);
        jdbc.sql("""
                insert into asterisk_cdr_database (tenant_id, host, port, database_name, username, password, time_zone,
                    queue_log_table, cdr_table, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id) do update set host = excluded.host, port = excluded.port,
                    database_name = excluded.database_name, username = excluded.username, password = excluded.password,
                    time_zone = excluded.time_zone, queue_log_table = excluded.queue_log_table,
                    cdr_table = excluded.cdr_table, updated_at = excluded.updated_at,
                    queue_log_cursor = case when ? then asterisk_cdr_database.queue_log_cursor end,
                    cdr_calldate = case when ? then asterisk_cdr_database.cdr_calldate end,
                    cdr_uniqueid = case when ? then asterisk_cdr_database.cdr_uniqueid end,
                    version = asterisk_cdr_database.version + 1""")
                .params(tenant.value(), host, port, database, username, password, zone, queueLogTable, cdrTable,
                        Timestamp.from(clock.instant()), sameSource, sameSource, sameSource).update();
        View after = get(tenant);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("host", after.host());
        a.put("port", after.port());
        a.put("database", after.database());
        a.put("username", after.username());
        a.put("timeZone", after.timeZone());
        a.put("queueLogTable", after.queueLogTable());
        a.put("cdrTable", after.cdrTable());
        a.put("passwordChanged", c.password() != null);
        audit.record(AuditEvent.change(tenant, "asterisk_cdr_database.update", "asterisk_cdr_database", null,
                old.isPresent() ? get(tenant, o) : null, a));
        return after;
    }

    private static Map<String, Object> get(TenantId tenant, Row o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", o.host());
        m.put("port", o.port());
        m.put("database", o.database());
        m.put("username", o.username());
        m.put("timeZone", o.timeZone());
        m.put("queueLogTable", o.queueLogTable());
        m.put("cdrTable", o.cdrTable());
        return m;
    }

    private static String table(String wanted, String old, String field) {
        if (wanted == null) {
            return old;
        }
        String t = wanted.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (!t.matches(NAME)) {
            throw new InvalidInputException("format", field, "A table name of letters, digits and _");
        }
        return t;
    }

    /** Tries the stored connection and tables. */
    public TestResult test(TenantId tenant) {
        return test(source(tenant));
    }

    public TestResult test(SourceDatabase db) {
        try {
            db.check();
            return new TestResult(true, null, null, "Connected to " + db.describe() + "; the tables are readable");
        } catch (SourceDatabase.SourceException e) {
            return new TestResult(false, e.failure().name(), e.field(), e.getMessage());
        }
    }

    /** Remembers how far an import read (called by the import, in its own transaction). */
    void savePositions(TenantId tenant, String queueLogCursor, String cdrCalldate, String cdrUniqueid) {
        jdbc.sql("""
                update asterisk_cdr_database set queue_log_cursor = coalesce(?::jsonb, queue_log_cursor),
                       cdr_calldate = coalesce(?, cdr_calldate), cdr_uniqueid = coalesce(?, cdr_uniqueid)
                 where tenant_id = ?""").params(queueLogCursor, cdrCalldate, cdrUniqueid, tenant.value()).update();
    }

    String queueLogCursor(TenantId tenant) {
        return row(tenant).map(Row::queueLogCursor).orElse(null);
    }

    String[] cdrPosition(TenantId tenant) {
        return row(tenant).map(r -> new String[] {r.cdrCalldate(), r.cdrUniqueid()}).orElse(new String[2]);
    }
}
