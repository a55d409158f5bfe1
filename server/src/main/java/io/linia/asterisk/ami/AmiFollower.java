package io.linia.asterisk.ami;

import io.linia.acd.AgentStatusChanged;
import io.linia.acd.CallHistory;
import io.linia.asterisk.AsteriskSettings;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.asterisk.queuelog.QueueLogImport;
import io.linia.asterisk.queuelog.QueueLogLine;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.recordings.RecordingView;
import io.linia.recordings.Recordings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Follows the app_queue calls of every tenant whose Asterisk is connected over AMI (TEL-3):
 * a session per tenant that reconnects by itself, each queue and member event turned into its
 * queue_log line ({@link AmiQueueEvents}) and assembled into calls and agent states exactly as
 * an import of the queue_log would be, stored when a call has ended ({@link CallHistory}), so
 * the reports count PBX-routed calls as their own. The connection's state is readable for the
 * settings page ({@link #status}).
 */
@Component
public class AmiFollower implements io.linia.acd.ExternalQueues {

    /** A tenant's connection as the settings page shows it. */
    public record Status(String state, String lastError, Instant since, long events, long callsStored, long statusReads) {
    }

    /** A call in an app_queue queue now: the caller's channel, the queue, and the member who took it. */
    public record LiveCall(String id, String channel, String queue, String agentInterface, String agentName,
                           Instant joined) {
    }

    private static final Logger log = LoggerFactory.getLogger(AmiFollower.class);
    /** Calls ended this long ago (and quiet connections) are stored on the next tick. */
    static final int IDLE_TICKS = 2;
    /** How often a follower reads the operators and queues again (new extensions, renamed queues). */
    static final Duration NAMES_REFRESH = Duration.ofMinutes(1);

    private final AsteriskSettings settings;
    private final QueueLogImport names;
    private final CallHistory history;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final Map<TenantId, Follow> follows = new ConcurrentHashMap<>();
    private final Recordings recordings;
    /** Reads QueueStatus after each (re)connection, off the session's and the events' threads. */
    private final ExecutorService resyncer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ami-resync");
        t.setDaemon(true);
        return t;
    });
    /** Moves MixMonitor's files into the store, off the event and storing threads. */
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ami-recordings");
        t.setDaemon(true);
        return t;
    });
    /** How long a MixMonitor file may still be written after its call was stored (Asterisk closes it at hang-up). */
    static final Duration FILE_WAIT = Duration.ofSeconds(30);
    /** A file untouched this long is whole. */
    static final Duration FILE_QUIET = Duration.ofSeconds(2);

    AmiFollower(AsteriskSettings settings, QueueLogImport names, CallHistory history, JdbcClient jdbc, Clock clock,
                ApplicationEventPublisher publisher, Recordings recordings) {
        this.recordings = recordings;
        this.settings = settings;
        this.names = names;
        this.history = history;
        this.jdbc = jdbc;
        this.clock = clock;
        this.publisher = publisher;
    }

    private final class Follow implements AmiSession.Listener {
        final TenantId tenant;
        final AmiQueueEvents translator = new AmiQueueEvents();
        final QueueLogAssembler assembler;
        final AmiSession session;
        volatile String state = "connecting";
        volatile String lastError;
        volatile Instant since;
        long events;
        long stored;
        long seenAtLastTick;
        int quietTicks;
        /** When the operators and queues were last read: new ones are found within a minute. */
        Instant namesAt;
        /** Ended calls and states not yet stored (a failed store keeps them for the next tick). */
        final java.util.List<CallHistory.Call> pendingCalls = new java.util.ArrayList<>();
        final java.util.List<CallHistory.StateInterval> pendingStates = new java.util.ArrayList<>();
        /** Calls in the queues now, by the caller channel's unique id (for redirects and recording control). */
        final Map<String, LiveCall> live = new ConcurrentHashMap<>();
        /** Where MixMonitor's files are read on this node; null: they are not fetched. */
        final Path recordingsDir;
        /** MixMonitor's file of a call (the caller channel's unique id), from {@code VarSet MIXMONITOR_FILENAME}. */
        final Map<String, Mix> mixes = new ConcurrentHashMap<>();
        /**
         * Agents and calls that had events since a QueueStatus was asked (null when none is on
         * its way): for them the events are newer than its answer.
         */
        java.util.Set<String> touched;
        /** How Asterisk's queue and agent names become Linia's (refreshed every minute). */
        volatile QueueLogAssembler.Names currentNames;
        /** Completed re-reads of QueueStatus (one per connection that answered it). */
        long resyncs;

        Follow(TenantId tenant, AsteriskSettings.Ami ami) {
            this.tenant = tenant;
            this.recordingsDir = ami.recordingsDir();
            this.currentNames = names.names(tenant);
            this.assembler = new QueueLogAssembler(currentNames, 0, Map.of());
            // the operators' states go live as Asterisk reports them (RT-2, the supervisors' feed)
            this.assembler.onStateChange((agent, state, reason, at) -> {
                String s = state == null ? "OFFLINE" : state;
                publisher.publishEvent(new AgentStatusChanged(tenant, agent, AgentStatusChanged.statusOf(s), s, reason, at));
            });
            this.since = clock.instant();
            this.namesAt = Instant.now();
            this.session = new AmiSession(ami.client(), this::event, this, Duration.ofSeconds(30));
        }

        private void event(AmiMessage m) {
            List<QueueLogLine> lines;
            track(m);
            synchronized (this) {
                events++;
                if (touched != null) {
                    for (String key : new String[] {"Uniqueid", "MemberName", "Interface"}) {
                        String v = m.get(key);
                        if (v != null && !v.isEmpty()) {
                            touched.add(v);
                        }
                    }
                }
                lines = translator.translate(m, clock.instant());
                if (lines.isEmpty()) {
                    return;
                }
                TenantContext.as(tenant, () -> lines.forEach(assembler::accept));
            }
        }

        private void track(AmiMessage m) {
            String id = m.get("Uniqueid");
            if (id == null || m.get("Event") == null) {
                return;
            }
            switch (m.get("Event")) {
                case "QueueCallerJoin" -> {
                    live.put(id, new LiveCall(id, m.get("Channel"), m.get("Queue"), null, null,
                            AmiQueueEvents.time(m, clock.instant())));
                    publisher.publishEvent(new io.linia.acd.QueueActivity(tenant));
                }
                case "AgentConnect" -> {
                    live.computeIfPresent(id, (k, c) -> new LiveCall(id, c.channel(), c.queue(),
                            m.get("Interface"), m.get("MemberName"), c.joined()));
                    publisher.publishEvent(new io.linia.acd.QueueActivity(tenant));
                }
                case "Hangup" -> {
                    if (live.remove(id) != null) {
                        publisher.publishEvent(new io.linia.acd.QueueActivity(tenant));
                    }
                }
                case "VarSet" -> {
                    // MixMonitor names its file in the channel's MIXMONITOR_FILENAME (app_mixmonitor.c)
                    if (recordingsDir != null && "MIXMONITOR_FILENAME".equals(m.get("Variable"))
                            && m.get("Value") != null && !m.get("Value").isBlank()) {
                        mixes.put(id, new Mix(m.get("Value"), Instant.now()));
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void connected(AmiClient client) {
            state = "connected";
            lastError = null;
            since = clock.instant();
            synchronized (this) {
                touched = new java.util.HashSet<>();
            }
            resyncer.execute(() -> resync(client));
        }

        /**
         * Reads QueueStatus on a new connection and brings the members, their pauses and the
         * waiting callers up to date (the events of the gap, or of the time before Linia
         * started, are gone): the changes go live on the feeds like any event's.
         */
        void resync(AmiClient client) {
            List<AmiMessage> status;
            try {
                status = client.list(AmiMessage.action("QueueStatus"));
            } catch (AmiException e) {
                synchronized (this) {
                    touched = null;
                }
                log.warn("Reading QueueStatus of tenant {} after connecting failed ({}); states are as the events left them",
                        tenant.value(), e.getMessage());
                return;
            }
            Instant now = clock.instant();
            int changes;
            synchronized (this) {
                java.util.Set<String> newer = touched == null ? java.util.Set.of() : touched;
                touched = null;
                List<QueueLogLine> lines = translator.resync(status, assembler.memberships(), assembler::holds, newer, now);
                TenantContext.as(tenant, () -> lines.forEach(assembler::accept));
                for (AmiMessage m : status) {
                    String id = m.get("Uniqueid");
                    if ("QueueEntry".equals(m.event()) && id != null && !newer.contains(id)) {
                        live.putIfAbsent(id, new LiveCall(id, m.get("Channel"), m.get("Queue"), null, null,
                                AmiQueueEvents.joined(m, now)));
                    }
                }
                changes = lines.size();
                resyncs++;
            }
            publisher.publishEvent(new io.linia.acd.QueueActivity(tenant));
            log.info("QueueStatus of tenant {} read after connecting: {} entries, {} changes applied",
                    tenant.value(), status.size(), changes);
        }

        @Override
        public void failed(AmiException why, Duration retryIn) {
            // what was live is unknown after the gap (events of a new connection may come before connected())
            live.clear();
            state = "retrying";
            lastError = why.kind() + ": " + why.getMessage();
            since = clock.instant();
        }

        /** Stores what has ended: calls a minute (queue_log time) past their end, everything ended once the line is quiet. */
        void tick() {
            List<CallHistory.Call> calls;
            List<CallHistory.StateInterval> states;
            if (Instant.now().isAfter(namesAt.plus(NAMES_REFRESH))) {
                QueueLogAssembler.Names fresh = TenantContext.as(tenant, () -> names.names(tenant));
                synchronized (this) {
                    assembler.names(fresh);
                    currentNames = fresh;
                    namesAt = Instant.now();
                }
            }
            synchronized (this) {
                boolean quiet = events == seenAtLastTick && ++quietTicks >= IDLE_TICKS;
                if (events != seenAtLastTick) {
                    quietTicks = 0;
                }
                seenAtLastTick = events;
                Instant last = assembler.lastAt();
                if (last == null) {
                    return;
                }
                assembler.flush(quiet ? Instant.MAX : last.minus(QueueLogAssembler.CHAIN), false);
                pendingCalls.addAll(assembler.drainCalls());
                pendingStates.addAll(assembler.drainIntervals());
                calls = List.copyOf(pendingCalls);
                states = List.copyOf(pendingStates);
            }
            if (!calls.isEmpty() || !states.isEmpty()) {
                CallHistory.Loaded loaded = TenantContext.as(tenant, () -> history.load(tenant, calls, states));
                synchronized (this) {
                    stored += loaded.calls();
                    publisher.publishEvent(new io.linia.acd.QueueActivity(tenant)); // today's figures changed
                    pendingCalls.subList(0, calls.size()).clear();
                    pendingStates.subList(0, states.size()).clear();
                }
            }
            if (!mixes.isEmpty()) {
                for (CallHistory.Call c : calls) {
                    Mix mix = mixes.remove(c.id());
                    if (mix != null) {
                        fetcher.execute(() -> fetch(c.id(), mix));
                    }
                }
                // a MixMonitor of a call no queue saw is never stored as a call: forget it after a while
                mixes.values().removeIf(x -> x.seen().isBefore(Instant.now().minus(Duration.ofHours(2))));
            }
        }

        /**
         * Moves a call's MixMonitor file into the encrypted store (TEL-6): waits until Asterisk
         * has finished it, stores it as the call's recording, then removes it from the PBX's
         * directory. A missing or unreadable file marks the recording failed with the reason.
         */
        void fetch(String callId, Mix mix) {
            try {
                TenantContext.as(tenant, () -> {
                    if (recordings.forCall(tenant, callId).stream().anyMatch(r -> "mixmonitor".equals(r.source()))) {
                        return null; // stored before (a reconnect replayed the call)
                    }
                    String name = Path.of(mix.file()).getFileName().toString();
                    Path file = recordingsDir.resolve(name);
                    int dot = name.lastIndexOf('.');
                    String format = dot < 0 ? "wav" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                    UUID id = recordings.started(tenant, callId, "mixmonitor", format);
                    if (!whole(file)) {
                        recordings.failed(tenant, id, "MixMonitor file " + name + " is not in " + recordingsDir);
                        return null;
                    }
                    RecordingView r;
                    try (InputStream in = Files.newInputStream(file)) {
                        r = recordings.store(tenant, id, in);
                    } catch (IOException e) {
                        recordings.failed(tenant, id, "Reading " + file + ": " + e.getMessage());
                        return null;
                    }
                    if ("stored".equals(r.status())) {
                        try {
                            Files.delete(file);
                        } catch (IOException e) {
                            log.warn("MixMonitor file {} is stored but could not be removed ({}); the PBX keeps a plain copy",
                                    file, e.toString());
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.error("Fetching the MixMonitor recording of call {} of tenant {} failed", callId, tenant.value(), e);
            }
        }

        /** Whether the file is there and Asterisk has stopped writing it (waits up to {@link #FILE_WAIT}). */
        private boolean whole(Path file) {
            long deadline = System.nanoTime() + FILE_WAIT.toNanos();
            while (true) {
                try {
                    if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant()
                            .isBefore(Instant.now().minus(FILE_QUIET))) {
                        return true;
                    }
                } catch (IOException e) {
                    // gone meanwhile: look again
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** The tenant's AMI connection, or empty when it has none. */
    public java.util.Optional<Status> status(TenantId tenant) {
        Follow f = follows.get(tenant);
        if (f == null) {
            return java.util.Optional.empty();
        }
        synchronized (f) {
            return java.util.Optional.of(new Status(f.state, f.lastError, f.since, f.events, f.stored, f.resyncs));
        }
    }

    /**
     * The wallboard's picture of the tenant's app_queue queues (RT-7): callers waiting now (not
     * yet answered) with the longest wait, each queue's members and their states as the events
     * and QueueStatus left them, the call each agent is talking.
     */
    @Override
    public java.util.Optional<Picture> picture(TenantId tenant) {
        Follow f = follows.get(tenant);
        if (f == null) {
            return java.util.Optional.empty();
        }
        Map<String, QueueLogAssembler.AgentSnapshot> agents;
        synchronized (f) {
            agents = f.assembler.agentStates();
        }
        QueueLogAssembler.Names n = f.currentNames;
        return TenantContext.as(tenant, () -> {
            Map<String, UUID> queueIds = new java.util.HashMap<>();
            java.util.function.Function<String, UUID> queueId = name -> queueIds.computeIfAbsent(name, n::queue);
            Map<UUID, Integer> waiting = new java.util.HashMap<>();
            Map<UUID, Instant> longest = new java.util.HashMap<>();
            Map<String, String> talking = new java.util.HashMap<>();
            for (LiveCall c : f.live.values()) {
                if (c.agentInterface() == null && c.agentName() == null) {
                    UUID q = c.queue() == null ? null : queueId.apply(c.queue());
                    if (q != null) {
                        waiting.merge(q, 1, Integer::sum);
                        if (c.joined() != null) {
                            longest.merge(q, c.joined(), (a, b) -> a.isBefore(b) ? a : b);
                        }
                    }
                } else {
                    talking.put(c.agentName() != null && !c.agentName().isEmpty() ? c.agentName() : c.agentInterface(),
                            c.id());
                }
            }
            Map<UUID, java.util.Set<UUID>> members = new java.util.HashMap<>();
            Map<UUID, AgentNow> states = new java.util.HashMap<>();
            agents.forEach((name, a) -> {
                if (a.state() == null) {
                    return; // out of every queue
                }
                states.put(a.id(), new AgentNow(a.state(), a.reason(), a.since(), talking.get(name)));
                for (String q : a.queues()) {
                    UUID id = queueId.apply(q);
                    if (id != null) {
                        members.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(a.id());
                    }
                }
            });
            Map<UUID, QueueNow> queues = new java.util.HashMap<>();
            java.util.Set<UUID> all = new java.util.HashSet<>(members.keySet());
            all.addAll(waiting.keySet());
            for (UUID q : all) {
                queues.put(q, new QueueNow(waiting.getOrDefault(q, 0), longest.get(q),
                        members.getOrDefault(q, java.util.Set.of())));
            }
            return java.util.Optional.of(new Picture(queues, states));
        });
    }

    /** The tenant's live AMI connection, if it is connected now. */
    public java.util.Optional<AmiClient> client(TenantId tenant) {
        Follow f = follows.get(tenant);
        return f == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(f.session.client());
    }

    /** Whether the tenant is followed over AMI (connected or not). */
    public boolean follows(TenantId tenant) {
        return follows.containsKey(tenant);
    }

    /** A call waiting or talking in one of the tenant's app_queue queues now. */
    public java.util.Optional<LiveCall> call(TenantId tenant, String callId) {
        Follow f = follows.get(tenant);
        return f == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(f.live.get(callId));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startAll() {
        List<UUID> tenants = TenantContext.asSystem(() -> jdbc.sql(
                "select tenant_id from asterisk_settings where mode = 'AMI'").query(UUID.class).list());
        for (UUID t : tenants) {
            restart(new TenantId(t));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void on(AsteriskSettings.Changed e) {
        restart(e.tenant());
    }

    private void restart(TenantId tenant) {
        Follow old = follows.remove(tenant);
        if (old != null) {
            old.tick();
            old.session.close();
        }
        TenantContext.as(tenant, () -> settings.ami(tenant).ifPresent(ami -> {
            Follow f = new Follow(tenant, ami);
            follows.put(tenant, f);
            log.info("Following app_queue of tenant {} on {}:{}", tenant.value(), ami.host(), ami.port());
            f.session.start();
        }));
    }

    @Scheduled(fixedDelayString = "${linia.asterisk.ami.store-interval-ms:2000}")
    public void tick() {
        for (Follow f : follows.values()) {
            try {
                f.tick();
            } catch (RuntimeException e) {
                log.error("Storing the AMI calls of tenant {} failed; they are kept for the next tick", f.tenant.value(), e);
            }
        }
    }

    /** A MixMonitor file Asterisk named for a call, and when it was seen. */
    record Mix(String file, Instant seen) {
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        fetcher.shutdownNow();
        resyncer.shutdownNow();
        follows.values().forEach(f -> f.session.close());
        follows.clear();
    }
}
