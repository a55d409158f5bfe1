package io.linia.asterisk.ami;

import io.linia.acd.AgentStatusChanged;
import io.linia.acd.CallHistory;
import io.linia.asterisk.AsteriskSettings;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.asterisk.queuelog.QueueLogImport;
import io.linia.asterisk.queuelog.QueueLogLine;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
public class AmiFollower {

    /** A tenant's connection as the settings page shows it. */
    public record Status(String state, String lastError, Instant since, long events, long callsStored) {
    }

    /** A call in an app_queue queue now: the caller's channel, the queue, and the member who took it. */
    public record LiveCall(String id, String channel, String queue, String agentInterface, String agentName) {
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

    AmiFollower(AsteriskSettings settings, QueueLogImport names, CallHistory history, JdbcClient jdbc, Clock clock,
                ApplicationEventPublisher publisher) {
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

        Follow(TenantId tenant, AsteriskSettings.Ami ami) {
            this.tenant = tenant;
            this.assembler = new QueueLogAssembler(names.names(tenant), 0, Map.of());
            // the operators' states go live as Asterisk reports them (RT-2, the supervisors' feed)
            this.assembler.onStateChange((agent, state, reason, at) -> {
                String s = state == null ? "OFFLINE" : state;
                publisher.publishEvent(new AgentStatusChanged(tenant, agent, AgentStatusChanged.statusOf(s), s, reason, at));
            });
            this.since = clock.instant();
            this.namesAt = java.time.Instant.now();
            this.session = new AmiSession(ami.client(), this::event, this, Duration.ofSeconds(30));
        }

        private void event(AmiMessage m) {
            List<QueueLogLine> lines;
            track(m);
            synchronized (this) {
                events++;
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
                case "QueueCallerJoin" -> live.put(id, new LiveCall(id, m.get("Channel"), m.get("Queue"), null, null));
                case "AgentConnect" -> live.computeIfPresent(id, (k, c) -> new LiveCall(id, c.channel(), c.queue(),
                        m.get("Interface"), m.get("MemberName")));
                case "Hangup" -> live.remove(id);
                default -> {
                }
            }
        }

        @Override
        public void connected(AmiClient client) {
            state = "connected";
            lastError = null;
            since = clock.instant();
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
            if (java.time.Instant.now().isAfter(namesAt.plus(NAMES_REFRESH))) {
                QueueLogAssembler.Names fresh = TenantContext.as(tenant, () -> names.names(tenant));
                synchronized (this) {
                    assembler.names(fresh);
                    namesAt = java.time.Instant.now();
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
                    pendingCalls.subList(0, calls.size()).clear();
                    pendingStates.subList(0, states.size()).clear();
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
            return java.util.Optional.of(new Status(f.state, f.lastError, f.since, f.events, f.stored));
        }
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

    @jakarta.annotation.PreDestroy
    void stop() {
        follows.values().forEach(f -> f.session.close());
        follows.clear();
    }
}
