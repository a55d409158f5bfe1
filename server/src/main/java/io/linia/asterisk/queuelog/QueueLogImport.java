package io.linia.asterisk.queuelog;

import io.linia.acd.CallHistory;
import io.linia.acd.QueueService;
import io.linia.acd.QueueSettings;
import io.linia.acd.QueueView;
import io.linia.asterisk.HistoryImports;
import io.linia.identity.UserService;
import io.linia.platform.LiniaException;
import io.linia.platform.TenantId;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * One pass of a queue_log import (TEL-4): reads the file from where the import stands, turns
 * lines into calls and agent states ({@link QueueLogAssembler}) and stores them in batches
 * ({@link CallHistory}, each batch all or nothing), keeping the import's progress current.
 * Malformed lines are reported by number and skipped. A followed file is read again from the
 * start of the earliest call still open, so a call cut by the end of a pass is stored whole.
 */
@Component
public class QueueLogImport {

    /** Malformed lines kept in the report (all are counted). */
    static final int MALFORMED_KEPT = 100;

    private static final Logger log = LoggerFactory.getLogger(QueueLogImport.class);

    /** Where a followed file goes on from. */
    record Cursor(long resumeOffset, long resumeLine, long newFrom, Map<String, QueueLogAssembler.AgentSnapshot> agents) {
    }

    private final JdbcClient jdbc;
    private final CallHistory history;
    private final QueueService queues;
    private final UserService users;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchCalls;
    private final int writers;

    /**
     * @param batchCalls calls per stored batch ({@code linia.history.batch-calls}, default 20,000): a
     *                   batch is one transaction; ~15 MB of rows in memory per batch in flight
     * @param writers    batches stored side by side ({@code linia.history.writers}, default 2): storing
     *                   is bound by the database's CPU and a transaction keeps one core of it busy;
     *                   more than the database server's cores only adds waiting
     */
    QueueLogImport(JdbcClient jdbc, CallHistory history, QueueService queues, UserService users, ObjectMapper json,
                   Clock clock, @Value("${linia.history.batch-calls:20000}") int batchCalls,
                   @Value("${linia.history.writers:2}") int writers) {
        if (batchCalls < 1 || writers < 1) {
            throw new IllegalArgumentException("linia.history.batch-calls and linia.history.writers must be at least 1: "
                    + batchCalls + ", " + writers);
        }
        this.batchCalls = batchCalls;
        this.writers = writers;
        this.jdbc = jdbc;
        this.history = history;
        this.queues = queues;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Where queue_log lines come from: a file (positions are bytes) or a database table
     * (positions are row keys, io.linia.asterisk.cdr). {@link #size} is the position after the
     * last line there is now; a smaller size than before means the source started again (a
     * rotated file, a truncated table).
     */
    public interface Source {

        long size() throws IOException;

        /** The lines from position {@code from} on; {@code linesBefore} numbers them on from there. */
        Lines open(long from, long linesBefore) throws IOException;

        /** What to tell the administrator when reading failed. */
        default String failure(IOException e) {
            return "Could not read the file: " + e.getMessage();
        }
    }

    /** Lines of a {@link Source}, each with its number and the position where it starts. */
    public interface Lines extends java.io.Closeable {

        /** The next line's text, or null at the end. */
        String next() throws IOException;

        long lineNumber();

        long lineOffset();

        /** The position after the line last returned. */
        long position();
    }

    /**
     * How a pass ends: {@code FILE} stores every ended call and drops open ones (an upload, a
     * path); {@code FOLLOW} holds calls that may still get a leg (queue_log time) and goes on
     * following; {@code TABLE} holds calls still open or ended within {@link QueueLogAssembler#CHAIN}
     * of now for the next import, and leaves the import {@code running} for its next step.
     */
    public enum Mode { FILE, FOLLOW, TABLE }

    /** Runs the import {@code id} over {@code file} once (a followed one: what is new since its last pass). */
    public void run(TenantId tenant, UUID id, Path file) {
        boolean follow = jdbc.sql("select follow from history_imports where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(Boolean.class).single();
        run(tenant, id, new FileSource(file, follow), follow ? Mode.FOLLOW : Mode.FILE);
    }

    /** Runs the import {@code id} once over the lines of {@code source}. */
    public void run(TenantId tenant, UUID id, Source source, Mode mode) {
        Map<String, Object> row = jdbc.sql("select status, options, cursor_state, report from history_imports"
                        + " where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query((rs, i) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("status", rs.getString(1));
                    m.put("options", rs.getString(2));
                    m.put("cursor", rs.getString(3));
                    m.put("report", rs.getString(4));
                    return m;
                }).single();
        boolean follow = mode == Mode.FOLLOW;
        if (!List.of("queued", "following").contains((String) row.get("status"))) {
            return;
        }
        HistoryImports.Options options = json.readValue((String) row.get("options"), HistoryImports.Options.class);
        Cursor cursor = row.get("cursor") == null ? new Cursor(0, 0, 0, Map.of())
                : json.readValue((String) row.get("cursor"), Cursor.class);
        Report report = Report.of(json, (String) row.get("report"));
        try {
            long size = source.size();
            if (size < cursor.newFrom()) {
                // the file was rotated (logrotate): start again at its beginning
                log.info("History import {}: the source is shorter than before, reading it from the start", id);
                cursor = new Cursor(0, 0, 0, Map.of());
            }
            if (follow && size == cursor.newFrom() && row.get("status").equals("following")) {
                return;
            }
            jdbc.sql("update history_imports set status = 'running', started_at = coalesce(started_at, ?), bytes_total = ?"
                    + " where tenant_id = ? and id = ? and status in ('queued', 'following')")
                    .params(Timestamp.from(clock.instant()), size, tenant.value(), id).update();
            Names names = new Names(tenant, options, report);
            QueueLogAssembler assembler = new QueueLogAssembler(names, cursor.newFrom(), cursor.agents());
            try (BatchWriter writer = new BatchWriter(history, tenant, batchCalls, writers);
                 Lines reader = source.open(cursor.resumeOffset(), cursor.resumeLine())) {
                String text;
                while ((text = reader.next()) != null) {
                    try {
                        assembler.accept(QueueLogLine.parse(text, reader.lineNumber(), reader.lineOffset()));
                    } catch (QueueLogLine.Malformed e) {
                        if (reader.lineOffset() >= cursor.newFrom()) {
                            report.malformed(reader.lineNumber(), e.getMessage(), text);
                        }
                    }
                    if (assembler.readyCount() >= batchCalls) {
                        writer.store(assembler.drainCalls(), assembler.drainIntervals());
                        progress(tenant, id, reader, report);
                    }
                }
                switch (mode) {
                    case FOLLOW -> assembler.flush(assembler.lastAt() == null ? java.time.Instant.MIN
                            : assembler.lastAt().minus(QueueLogAssembler.CHAIN), false);
                    case TABLE -> assembler.flush(clock.instant().minus(QueueLogAssembler.CHAIN), false);
                    case FILE -> assembler.flush(null, true);
                }
                writer.store(assembler.drainCalls(), assembler.drainIntervals());
                writer.finish();
                long end = Math.max(reader.position(), cursor.newFrom());
                long[] resume = assembler.resumePoint(end, Math.max(reader.lineNumber(), cursor.resumeLine()));
                report.absorb(assembler);
                Cursor next = new Cursor(resume[0], resume[1], end, assembler.agentStates());
                String status = switch (mode) {
                    case FOLLOW -> "following";
                    case TABLE -> "running";
                    case FILE -> "done";
                };
                jdbc.sql("""
                        update history_imports set status = ?, bytes_read = ?, lines = greatest(lines, ?),
                               calls = calls + ?, calls_stored = calls_stored + ?, calls_open = ?,
                               state_intervals = state_intervals + ?, malformed = ?, report = ?::jsonb,
                               cursor_state = ?::jsonb, finished_at = ?, error = null
                         where tenant_id = ? and id = ? and status = 'running'""")
                        .params(status, end, reader.lineNumber(), writer.calls(),
                                writer.alreadyStored(), mode == Mode.TABLE ? assembler.heldCalls() : assembler.openCalls(),
                                writer.stateIntervals(), report.malformedCount,
                                json.writeValueAsString(report.asMap()), json.writeValueAsString(next),
                                mode == Mode.FILE ? Timestamp.from(clock.instant()) : null, tenant.value(), id).update();
                log.info("History import {}: {} lines, {} calls new, {} already stored", id, reader.lineNumber(),
                        writer.calls(), writer.alreadyStored());
            }
        } catch (NoSuchFileException e) {
            fail(tenant, id, "The file is gone: " + e.getFile());
        } catch (IOException e) {
            fail(tenant, id, source.failure(e));
        } catch (LiniaException e) {
            fail(tenant, id, e.getMessage());
        } catch (RuntimeException e) {
            log.error("History import {} failed", id, e);
            fail(tenant, id, "The import stopped on an unexpected error (" + e.getClass().getSimpleName()
                    + "); batches stored before it stay, and a new import skips them");
        }
    }

    /** A queue_log file; a followed one leaves a last line without its newline for the next pass. */
    private record FileSource(Path file, boolean follow) implements Source {

        @Override
        public long size() throws IOException {
            return java.nio.file.Files.size(file);
        }

        @Override
        public Lines open(long from, long linesBefore) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(from);
            return new LineReader(Channels.newInputStream(channel), from, linesBefore, follow);
        }
    }

    private void progress(TenantId tenant, UUID id, Lines reader, Report report) {
        jdbc.sql("""
                update history_imports set bytes_read = ?, lines = greatest(lines, ?), malformed = ?
                 where tenant_id = ? and id = ?""")
                .params(reader.position(), reader.lineNumber(), report.malformedCount, tenant.value(), id).update();
    }

    /** How a tenant's queue and agent names are matched by default (queues created as needed), for a live follower. */
    public QueueLogAssembler.Names names(TenantId tenant) {
        return new Names(tenant, new HistoryImports.Options(null, null, null), new Report());
    }

    private void fail(TenantId tenant, UUID id, String message) {
        jdbc.sql("update history_imports set status = 'failed', error = ?, finished_at = ? where tenant_id = ? and id = ?")
                .params(message, Timestamp.from(clock.instant()), tenant.value(), id).update();
    }

    /** What an import found, kept across the passes of a followed file. */
    static final class Report {
        final List<Map<String, Object>> malformed = new ArrayList<>();
        long malformedCount;
        final Map<String, Long> unknownVerbs = new TreeMap<>();
        final Map<String, Long> unmatchedAgents = new TreeMap<>();
        final List<String> skippedQueues = new ArrayList<>();
        final List<Map<String, Object>> queuesCreated = new ArrayList<>();
        final Map<String, Map<String, Object>> agents = new TreeMap<>();
        long orphanLines;

        @SuppressWarnings("unchecked")
        static Report of(ObjectMapper json, String stored) {
            Report r = new Report();
            Map<String, Object> m = stored == null ? Map.of() : json.readValue(stored, new TypeReference<Map<String, Object>>() { });
            r.malformed.addAll((List<Map<String, Object>>) m.getOrDefault("malformedLines", List.of()));
            r.malformedCount = ((Number) m.getOrDefault("malformedCount", 0)).longValue();
            ((Map<String, Number>) m.getOrDefault("unknownVerbs", Map.of())).forEach((k, v) -> r.unknownVerbs.put(k, v.longValue()));
            ((Map<String, Number>) m.getOrDefault("unmatchedAgents", Map.of())).forEach((k, v) -> r.unmatchedAgents.put(k, v.longValue()));
            r.skippedQueues.addAll((List<String>) m.getOrDefault("skippedQueues", List.of()));
            r.queuesCreated.addAll((List<Map<String, Object>>) m.getOrDefault("queuesCreated", List.of()));
            r.agents.putAll((Map<String, Map<String, Object>>) m.getOrDefault("agents", Map.of()));
            r.orphanLines = ((Number) m.getOrDefault("orphanLines", 0)).longValue();
            return r;
        }

        void malformed(long line, String reason, String text) {
            malformedCount++;
            if (malformed.size() < MALFORMED_KEPT) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", line);
                m.put("reason", reason);
                m.put("text", QueueLogLine.abbreviate(text));
                malformed.add(m);
            }
        }

        void absorb(QueueLogAssembler a) {
            a.unknownVerbs().forEach((k, v) -> unknownVerbs.merge(k, v, Long::sum));
            a.unmatchedAgents().forEach((k, v) -> unmatchedAgents.merge(k, v, Long::sum));
            for (String q : a.skippedQueues()) {
                if (!skippedQueues.contains(q)) {
                    skippedQueues.add(q);
                }
            }
            orphanLines += a.orphanLines();
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("malformedCount", malformedCount);
            m.put("malformedLines", malformed);
            m.put("unknownVerbs", unknownVerbs);
            m.put("agents", agents);
            m.put("unmatchedAgents", unmatchedAgents);
            m.put("queuesCreated", queuesCreated);
            m.put("skippedQueues", skippedQueues);
            m.put("orphanLines", orphanLines);
            return m;
        }
    }

    /** Matches queue_log names with the tenant's queues and operators; creates queues when allowed. */
    private final class Names implements QueueLogAssembler.Names {

        private final TenantId tenant;
        private final HistoryImports.Options options;
        private final Report report;
        private final Map<String, UUID> queueCache = new HashMap<>();
        private final Map<String, QueueLogAssembler.Agent> agentCache = new HashMap<>();
        private final Map<String, UUID> byExtension;
        private List<QueueView> known;

        Names(TenantId tenant, HistoryImports.Options options, Report report) {
            this.tenant = tenant;
            this.options = options;
            this.report = report;
            this.byExtension = users.usersByExtension(tenant);
        }

        @Override
        public UUID queue(String name) {
            if (name == null || name.isEmpty() || name.equals("NONE")) {
                return null;
            }
            return queueCache.computeIfAbsent(name, this::resolveQueue);
        }

        private UUID resolveQueue(String name) {
            if (known == null) {
                known = new ArrayList<>(queues.list(tenant));
            }
            String wanted = options.queues().getOrDefault(name, name);
            for (QueueView q : known) {
                if (q.id().toString().equals(wanted) || q.number().equals(wanted)) {
                    return q.id();
                }
            }
            for (QueueView q : known) {
                if (q.name().equalsIgnoreCase(wanted)) {
                    return q.id();
                }
            }
            if (!options.createQueues() || options.queues().containsKey(name)) {
                return null;
            }
            String number = name.matches("[0-9*#]{1,20}") ? name : null;
            for (int n = 9000; number == null || isTaken(number); n++) {
                number = String.valueOf(n);
            }
            String title = name.length() > 200 ? name.substring(0, 200) : name;
            QueueView created = queues.create(tenant, new QueueSettings(number, title, null, null, null, null, null, null,
                    null, null, null, null, null, null));
            known.add(created);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asterisk", name);
            m.put("id", created.id().toString());
            m.put("number", created.number());
            report.queuesCreated.add(m);
            return created.id();
        }

        private boolean isTaken(String number) {
            return known.stream().anyMatch(q -> q.number().equals(number));
        }

        @Override
        public QueueLogAssembler.Agent agent(String name) {
            if (agentCache.containsKey(name)) {
                return agentCache.get(name);
            }
            QueueLogAssembler.Agent a = resolveAgent(name);
            agentCache.put(name, a);
            return a;
        }

        private QueueLogAssembler.Agent resolveAgent(String name) {
            String how;
            UUID id;
            String number;
            String mapped = options.agents().get(name);
            if (mapped != null) {
                how = "mapping";
                id = byExtension.get(mapped);
                number = mapped;
                if (id == null) {
                    id = byId(mapped);
                    number = id == null ? null : extensionOf(id);
                }
            } else if (byExtension.containsKey(name)) {
                how = "extension";
                id = byExtension.get(name);
                number = name;
            } else {
                how = "number in name";
                number = QueueLogAssembler.number(name);
                id = number == null ? null : byExtension.get(number);
            }
            if (id == null) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userId", id.toString());
            m.put("number", number);
            m.put("matchedBy", how);
            report.agents.put(name.length() > 80 ? name.substring(0, 80) : name, m);
            return new QueueLogAssembler.Agent(id, number);
        }

        private UUID byId(String value) {
            try {
                UUID id = UUID.fromString(value.toLowerCase(Locale.ROOT));
                return byExtension.containsValue(id) ? id : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private String extensionOf(UUID id) {
            return byExtension.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
    }
}
