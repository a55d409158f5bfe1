package io.linia.asterisk;

import io.linia.asterisk.queuelog.QueueLogImport;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports of Asterisk call history (TEL-4): a queue_log uploaded, or read from a file in a
 * directory the installation allows and, if asked, followed as Asterisk appends to it. Each
 * import runs in the background, one at a time per node, and shows its progress; calls already
 * stored are skipped, so an import can be repeated or resumed safely. docs/asterisk.md.
 */
@Service
public class HistoryImports {

    /** What an import is doing or did; {@code report} holds what it found (docs/asterisk.md). */
    public record ImportView(UUID id, String source, String name, boolean follow, String status, Long bytesTotal,
                             long bytesRead, Integer percent, long lines, long calls, long callsAlreadyStored,
                             long callsWithoutEnd, long stateIntervals, long malformedLines, Map<String, Object> report,
                             String error, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    /**
     * How names are matched: {@code agents} maps an agent as the queue_log writes it (member
     * name or interface) to an operator's extension or id; {@code queues} maps a queue name to a
     * queue's number or id; unmatched queues are created when {@code createQueues}.
     */
    public record Options(Boolean createQueues, Map<String, String> agents, Map<String, String> queues) {

        public Options {
            createQueues = createQueues == null || createQueues;
            agents = agents == null ? Map.of() : Map.copyOf(agents);
            queues = queues == null ? Map.of() : Map.copyOf(queues);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HistoryImports.class);

    private final JdbcClient jdbc;
    private final QueueLogImport runner;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final Path workDir;
    private final List<Path> allowedDirs;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "history-import");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    HistoryImports(JdbcClient jdbc, QueueLogImport runner, AuditLog audit, Clock clock, ObjectMapper json,
                   @Value("${linia.history.work-dir}") Path workDir,
                   @Value("${linia.history.allowed-dirs:}") List<String> allowedDirs) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.workDir = workDir.toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        for (String d : allowedDirs) {
            if (!d.isBlank()) {
                dirs.add(Path.of(d.trim()).toAbsolutePath().normalize());
            }
        }
        this.allowedDirs = List.copyOf(dirs);
    }

    /** Stores the uploaded queue_log and imports it in the background. */
    public ImportView upload(TenantId tenant, UUID actor, String name, InputStream body, Options options) {
        String fileName = name == null || name.isBlank() ? "queue_log" : name.strip();
        if (fileName.length() > 500) {
            throw new InvalidInputException("too_long", "name", "A file name is at most 500 characters");
        }
        UUID id = UUID.randomUUID();
        Path file = uploadFile(id);
        try {
            Files.createDirectories(workDir);
            long size = Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            if (size == 0) {
                Files.deleteIfExists(file);
                throw new InvalidInputException("empty", "body", "The uploaded queue_log is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the uploaded queue_log", e);
        }
        return start(tenant, actor, id, "upload", fileName, false, options);
    }

    /** Imports a queue_log the server can read, in a directory of {@code linia.history.allowed-dirs}. */
    public ImportView fromPath(TenantId tenant, UUID actor, String path, boolean follow, Options options) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("required", "path", "The path of the queue_log is required");
        }
        if (allowedDirs.isEmpty()) {
            throw new InvalidInputException("path_imports_disabled", "path",
                    "Imports by path are off on this installation (linia.history.allowed-dirs); upload the file instead");
        }
        Path file = Path.of(path.strip()).toAbsolutePath().normalize();
        if (allowedDirs.stream().noneMatch(file::startsWith)) {
            throw new InvalidInputException("path_not_allowed", "path",
                    "The file is not in a directory this installation allows: " + allowedDirs);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException("not_readable", "path", "No readable file " + file);
        }
        return start(tenant, actor, UUID.randomUUID(), "path", file.toString(), follow, options);
    }

    private ImportView start(TenantId tenant, UUID actor, UUID id, String source, String name, boolean follow,
                             Options options) {
        jdbc.sql("""
                insert into history_imports (id, tenant_id, source, name, follow, status, options, created_by, created_at)
                values (?, ?, ?, ?, ?, 'queued', ?::jsonb, ?, ?)""")
                .params(id, tenant.value(), source, name, follow, json.writeValueAsString(options), actor,
                        Timestamp.from(clock.instant())).update();
        audit.record(AuditEvent.change(tenant, "history_import.start", "history_import", id, null,
                Map.of("source", source, "name", name, "follow", follow)));
        submit(tenant, id);
        return get(tenant, id);
    }

    private void submit(TenantId tenant, UUID id) {
        if (!busy.add(id)) {
            return;
        }
        executor.submit(() -> {
            try {
                TenantContext.as(tenant, () -> runner.run(tenant, id, source(tenant, id)));
            } catch (RuntimeException e) {
                log.error("History import {} failed", id, e);
            } finally {
                busy.remove(id);
            }
        });
    }

    private Path source(TenantId tenant, UUID id) {
        String[] row = jdbc.sql("select source, name from history_imports where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        return row[0].equals("upload") ? uploadFile(id) : Path.of(row[1]);
    }

    private Path uploadFile(UUID id) {
        return workDir.resolve(id + ".queue_log");
    }

    public ImportView get(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where tenant_id = ? and id = ?").params(tenant.value(), id).query(this::view)
                .optional().orElseThrow(() -> new NotFoundException("history_import", id));
    }

    /** The tenant's imports, newest first. */
    public List<ImportView> list(TenantId tenant) {
        return jdbc.sql(SELECT + " where tenant_id = ? order by created_at desc limit 100").param(tenant.value())
                .query(this::view).list();
    }

    /** Stops following a file; what was imported stays. */
    public ImportView stop(TenantId tenant, UUID id) {
        ImportView before = get(tenant, id);
        if (!before.follow() || !List.of("following", "running").contains(before.status())) {
            throw new io.linia.platform.ConflictException("not_following", "status",
                    "Only an import that follows its file can be stopped; this one is " + before.status());
        }
        jdbc.sql("update history_imports set status = 'stopped', finished_at = ? where tenant_id = ? and id = ?"
                + " and status in ('following', 'running')")
                .params(Timestamp.from(clock.instant()), tenant.value(), id).update();
        audit.record(AuditEvent.change(tenant, "history_import.stop", "history_import", id, null, Map.of("name", before.name())));
        return get(tenant, id);
    }

    /** Reads what Asterisk appended to every followed file since the last pass. */
    @Scheduled(fixedDelayString = "${linia.history.follow-interval-ms:5000}")
    public void followAll() {
        List<Object[]> following = TenantContext.asSystem(() -> jdbc.sql(
                "select tenant_id, id from history_imports where status = 'following'")
                .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list());
        for (Object[] f : following) {
            submit(new TenantId((UUID) f[0]), (UUID) f[1]);
        }
    }

    /** Imports cut short by a stop of the server are marked so; following ones go on by themselves. */
    @EventListener(ApplicationReadyEvent.class)
    public void markInterrupted() {
        TenantContext.asSystem(() -> jdbc.sql("""
                update history_imports set status = 'failed', finished_at = ?,
                       error = 'The server stopped during the import. Start it again: calls already imported are skipped.'
                 where status in ('queued', 'running') and not follow""").param(Timestamp.from(clock.instant())).update());
    }

    private static final String SELECT = """
            select id, source, name, follow, status, bytes_total, bytes_read, lines, calls, calls_stored, calls_open,
                   state_intervals, malformed, report, error, created_at, started_at, finished_at
              from history_imports""";

    @SuppressWarnings("unchecked")
    private ImportView view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Long total = (Long) rs.getObject("bytes_total");
        long read = rs.getLong("bytes_read");
        Integer percent = total == null ? null : total == 0 ? 100 : (int) Math.min(100, read * 100 / total);
        return new ImportView(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("name"),
                rs.getBoolean("follow"), rs.getString("status"), total, read, percent, rs.getLong("lines"),
                rs.getLong("calls"), rs.getLong("calls_stored"), rs.getLong("calls_open"), rs.getLong("state_intervals"),
                rs.getLong("malformed"), json.readValue(rs.getString("report"), Map.class), rs.getString("error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
