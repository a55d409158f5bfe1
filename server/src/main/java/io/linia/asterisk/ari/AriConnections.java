package io.linia.asterisk.ari;

import io.linia.asterisk.AsteriskSettings;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.recordings.Recordings;
import io.linia.telephony.TelephonyEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The ARI connection of every tenant whose mode is ARI (TEL-2): a session per tenant that
 * reconnects by itself, and the tenant's {@link AriSwitch} behind the telephony port. What
 * Asterisk reports is handed to every {@link TelephonyEvents} of the platform on the session's
 * thread, one event at a time.
 */
@Component
public class AriConnections {

    /** A tenant's connection as the settings page shows it. */
    public record Status(String state, String lastError, Instant since, String asteriskVersion, int activeCalls) {
    }

    private static final Logger log = LoggerFactory.getLogger(AriConnections.class);
    /** Prompts without a media scheme are Asterisk sounds under this directory (sounds/<lang>/linia/…). */
    static final String PROMPT_PREFIX = "linia/";
    /** The dialplan context a call goes to for voicemail (docs/asterisk.md). */
    static final String VOICEMAIL_CONTEXT = "linia-voicemail";
    /** How long Asterisk rings an agent's phone or a callback at most; the ACD's own ring timeout is usually shorter. */
    static final int RING_SECONDS = 60;

    private final AsteriskSettings settings;
    private final ObjectProvider<TelephonyEvents> listeners;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Recordings recordings;
    private final Map<TenantId, Connection> connections = new ConcurrentHashMap<>();

    AriConnections(AsteriskSettings settings, ObjectProvider<TelephonyEvents> listeners, JdbcClient jdbc, Clock clock,
                   Recordings recordings) {
        this.settings = settings;
        this.listeners = listeners;
        this.jdbc = jdbc;
        this.clock = clock;
        this.recordings = recordings;
    }

    private final class Connection implements AriSession.Listener, AriSwitch.Recorder {
        final TenantId tenant;
        final AriSwitch port;
        final AriSession session;
        /** Fetches finished recordings from Asterisk off the event thread, one at a time. */
        final java.util.concurrent.ExecutorService fetcher;
        volatile String state = "connecting";
        volatile String lastError;
        volatile Instant since;
        volatile String version;

        Connection(TenantId tenant, AsteriskSettings.Ari ari) {
            this.tenant = tenant;
            this.since = clock.instant();
            this.fetcher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ari-recordings-" + tenant.value().toString().substring(0, 8));
                t.setDaemon(true);
                return t;
            });
            this.port = new AriSwitch(tenant, new AriSwitch.Options(ari.app(), ari.agentDial(), ari.outboundDial(),
                    PROMPT_PREFIX, VOICEMAIL_CONTEXT, RING_SECONDS, ari.record()), event -> deliver(tenant, event), this);
            this.session = new AriSession(ari.client(), port::on, this, Duration.ofSeconds(30),
                    tenant.value().toString().substring(0, 8));
        }

        @Override
        public void connected(AriClient client) {
            version = client.info().path("system").path("version").asString(null);
            // "connected" only once the switch has settled what was lost while down: a call placed
            // as soon as the state says so must not be taken for a lost one
            port.connected(client);
            lastError = null;
            since = clock.instant();
            state = "connected";
        }

        @Override
        public UUID started(String callId, String name) {
            return TenantContext.as(tenant, () -> recordings.started(tenant, callId, "ari", "wav"));
        }

        @Override
        public void paused(UUID id, boolean paused) {
            TenantContext.as(tenant, () -> recordings.paused(tenant, id, paused));
        }

        @Override
        public void finished(UUID id, String name) {
            fetcher.execute(() -> {
                AriClient client = session.client();
                String path = "/recordings/stored/" + AriClient.encode(name);
                if (client == null) {
                    TenantContext.as(tenant, () -> recordings.failed(tenant, id,
                            "Not connected to Asterisk when the recording ended; it stays there as " + name));
                    return;
                }
                try (java.io.InputStream audio = client.download(path + "/file")) {
                    io.linia.recordings.RecordingView stored = TenantContext.as(tenant, () -> recordings.store(tenant, id, audio));
                    if ("stored".equals(stored.status())) {
                        client.delete(path, Map.of()); // kept in Linia now; free Asterisk's disk
                    }
                } catch (AriException | java.io.IOException e) {
                    log.warn("Recording {} of tenant {} could not be fetched: {}", name, tenant.value(), e.getMessage());
                    TenantContext.as(tenant, () -> recordings.failed(tenant, id, "Fetching " + name + ": " + e.getMessage()));
                }
            });
        }

        @Override
        public void failed(UUID id, String why) {
            TenantContext.as(tenant, () -> recordings.failed(tenant, id, why));
        }

        @Override
        public void failed(AriException why, Duration retryIn) {
            port.disconnected();
            state = "retrying";
            lastError = why.kind() + ": " + why.getMessage();
            since = clock.instant();
        }
    }

    private void deliver(TenantId tenant, Consumer<TelephonyEvents> event) {
        listeners.orderedStream().forEach(l -> {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("A telephony listener refused an ARI event of tenant {}: {}", tenant.value(), e.getMessage());
            }
        });
    }

    /** The tenant's Asterisk when its mode is ARI (connected or not), else empty. */
    public Optional<AriSwitch> port(TenantId tenant) {
        Connection c = connections.get(tenant);
        return c == null ? Optional.empty() : Optional.of(c.port);
    }

    /** The tenant's ARI connection, or empty when it has none. */
    public Optional<Status> status(TenantId tenant) {
        Connection c = connections.get(tenant);
        return c == null ? Optional.empty()
                : Optional.of(new Status(c.state, c.lastError, c.since, c.version, c.port.activeCalls()));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startAll() {
        List<UUID> tenants = TenantContext.asSystem(() -> jdbc.sql(
                "select tenant_id from asterisk_settings where mode = 'ARI'").query(UUID.class).list());
        for (UUID t : tenants) {
            restart(new TenantId(t));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void on(AsteriskSettings.Changed e) {
        restart(e.tenant());
    }

    private void restart(TenantId tenant) {
        Connection old = connections.remove(tenant);
        if (old != null) {
            old.session.close();
            old.fetcher.shutdown();
        }
        TenantContext.as(tenant, () -> settings.ari(tenant).ifPresent(ari -> {
            Connection c = new Connection(tenant, ari);
            connections.put(tenant, c);
            log.info("Routing the calls of tenant {} through ARI at {}, application {}", tenant.value(), ari.url(), ari.app());
            c.session.start();
        }));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        connections.values().forEach(c -> {
            c.session.close();
            c.fetcher.shutdown();
        });
        connections.clear();
    }
}
