package io.linia.asterisk.cdr;

import io.linia.asterisk.HistoryImports;
import io.linia.asterisk.queuelog.QueueLogImport;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * An import from the tenant's CDR database (TEL-4): first its queue_log table, through the very
 * path of a queue_log file ({@link QueueLogImport}), then its CDR table, whose calls the
 * queue_log did not have ({@link CdrCalls}). It shows as one history import (source
 * {@code database}); each table goes on from where the tenant's last import stopped.
 */
@Service
public class DatabaseImports {

    /** Longest a CDR import waits for a call's rows by default: a call still going has rows missing. */
    public static final int DEFAULT_SETTLE_MINUTES = 240;

    private static final Logger log = LoggerFactory.getLogger(DatabaseImports.class);

    private final JdbcClient jdbc;
    private final CdrDatabaseSettings settings;
    private final QueueLogImport queueLog;
    private final CdrTable cdr;
    private final HistoryImports imports;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "database-import");
        t.setDaemon(true);
        return t;
    });

    DatabaseImports(JdbcClient jdbc, CdrDatabaseSettings settings, QueueLogImport queueLog, CdrTable cdr,
                    HistoryImports imports, AuditLog audit, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.queueLog = queueLog;
        this.cdr = cdr;
        this.imports = imports;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Checks the database (a 422 on the setting to fix) and starts the import in the background.
     * {@code settleMinutes}: CDRs of calls that started less long ago are left for the next import.
     */
    public HistoryImports.ImportView start(TenantId tenant, UUID actor, HistoryImports.Options options,
                                           Integer settleMinutes) {
        int settle = settleMinutes == null ? DEFAULT_SETTLE_MINUTES : settleMinutes;
        if (settle < 0 || settle > 10_080) {
            throw new InvalidInputException("range", "settleMinutes", "0..10080 minutes (a week)");
        }
        SourceDatabase db = settings.source(tenant);
        CdrDatabaseSettings.TestResult t = settings.test(db);
        if (!t.ok()) {
            throw new InvalidInputException("cdr_db_" + t.kind().toLowerCase(java.util.Locale.ROOT), t.field(), t.message());
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into history_imports (id, tenant_id, source, name, follow, status, options, cursor_state,
                                             created_by, created_at)
                values (?, ?, 'database', ?, false, 'queued', ?::jsonb, ?::jsonb, ?, ?)""")
                .params(id, tenant.value(), db.describe(), json.writeValueAsString(options),
                        settings.queueLogCursor(tenant), actor, Timestamp.from(clock.instant())).update();
        audit.record(AuditEvent.change(tenant, "history_import.start", "history_import", id, null,
                Map.of("source", "database", "name", db.describe(), "settleMinutes", settle)));
        executor.submit(() -> {
            try {
                TenantContext.as(tenant, () -> run(tenant, id, db, Duration.ofMinutes(settle)));
            } catch (RuntimeException e) {
                log.error("Database import {} failed", id, e);
                fail(tenant, id, "The import stopped on an unexpected error (" + e.getClass().getSimpleName()
                        + "); calls stored before it stay, and a new import skips them");
            }
        });
        return imports.get(tenant, id);
    }

    private void run(TenantId tenant, UUID id, SourceDatabase db, Duration settle) {
        try (Connection c = db.connect()) {
            if (db.queueLogTable() != null) {
                QueueLogTable table = new QueueLogTable(c, db.queueLogTable(), db.zone(),
                        db.columns(c, db.queueLogTable(), "queueLogTable"));
                queueLog.run(tenant, id, table, QueueLogImport.Mode.TABLE);
                String[] after = jdbc.sql("select status, cursor_state from history_imports where tenant_id = ? and id = ?")
                        .params(tenant.value(), id).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
                if (!after[0].equals("running")) {
                    return; // failed: the queue_log import said why
                }
                settings.savePositions(tenant, after[1], null, null);
            } else {
                jdbc.sql("update history_imports set status = 'running', started_at = ? where tenant_id = ? and id = ?")
                        .params(Timestamp.from(clock.instant()), tenant.value(), id).update();
            }
            CdrTable.Result r = null;
            if (db.cdrTable() != null) {
                String[] position = settings.cdrPosition(tenant);
                LocalDateTime horizon = LocalDateTime.ofInstant(clock.instant().minus(settle), db.zone());
                r = cdr.run(tenant, c, db, horizon, position[0], position[1]);
                settings.savePositions(tenant, null, r.calldate, r.uniqueid);
            }
            jdbc.sql("""
                    update history_imports set status = 'done', finished_at = ?, calls = calls + ?,
                           calls_stored = calls_stored + ?, report = report || jsonb_build_object('cdr', ?::jsonb)
                     where tenant_id = ? and id = ? and status = 'running'""")
                    .params(Timestamp.from(clock.instant()), r == null ? 0 : r.calls, r == null ? 0 : r.alreadyStored,
                            r == null ? null : json.writeValueAsString(r.asMap()), tenant.value(), id).update();
        } catch (SourceDatabase.SourceException e) {
            fail(tenant, id, e.getMessage());
        } catch (SQLException e) {
            fail(tenant, id, "Could not read " + db.describe() + ": " + e.getMessage());
        }
    }

    private void fail(TenantId tenant, UUID id, String message) {
        TenantContext.as(tenant, () -> jdbc.sql("""
                update history_imports set status = 'failed', error = ?, finished_at = ?
                 where tenant_id = ? and id = ?""").params(message, Timestamp.from(clock.instant()), tenant.value(), id)
                .update());
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
