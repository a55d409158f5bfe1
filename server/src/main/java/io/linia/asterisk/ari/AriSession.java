package io.linia.asterisk.ari;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Keeps an ARI connection up (TEL-2): connects, and after a failure or a lost event socket (an
 * Asterisk restart, a network cut) tries again after 0.5 s, 1 s, 2 s … up to {@code maxBackoff},
 * until closed. {@link Listener#connected} runs on every (re)connection, before any event of
 * the new socket is handled — the place to re-read the channels, since events during the gap
 * are gone. Events are handled one at a time, in order, on the session's own thread.
 */
public final class AriSession implements AutoCloseable {

    /** What the session reports besides events. */
    public interface Listener {

        /** A new connection is up (runs on the event thread, before the new socket's events). */
        void connected(AriClient client);

        /** A connection attempt failed, or the connection was lost; another attempt follows after {@code retryIn}. */
        void failed(AriException why, Duration retryIn);
    }

    private static final Logger log = LoggerFactory.getLogger(AriSession.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final AriClient.Settings settings;
    private final Consumer<JsonNode> events;
    private final Listener listener;
    private final Duration maxBackoff;
    private final ScheduledExecutorService thread;
    private volatile AriClient client;
    private volatile boolean closed;
    private int failures;

    public AriSession(AriClient.Settings settings, Consumer<JsonNode> events, Listener listener, Duration maxBackoff,
                      String name) {
        this.settings = settings;
        this.events = events;
        this.listener = listener;
        this.maxBackoff = maxBackoff;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ari-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.execute(this::attempt);
    }

    /** The live connection, or null between connections. */
    public AriClient client() {
        AriClient c = client;
        return c != null && c.isOpen() ? c : null;
    }

    private void attempt() {
        if (closed) {
            return;
        }
        try {
            // events are queued behind this task, so connected() runs before any of them
            AriClient c = AriClient.connect(settings, e -> thread.execute(() -> handle(e)), this::lost);
            client = c;
            failures = 0;
            log.info("ARI connected to {} as {}, application {}", settings.url(), settings.username(), settings.app());
            listener.connected(c);
        } catch (AriException e) {
            retry(e);
        } catch (RuntimeException e) {
            retry(new AriException(AriException.Kind.DISCONNECTED, "The connection failed: " + e, 0, e));
        }
    }

    private void handle(JsonNode e) {
        if (closed) {
            return;
        }
        try {
            events.accept(e);
        } catch (RuntimeException ex) {
            log.error("ARI event {} could not be handled", e.path("type").asString(""), ex);
        }
    }

    private void lost(AriException why) {
        client = null;
        if (!thread.isShutdown()) {
            thread.execute(() -> retry(why));
        }
    }

    private void retry(AriException why) {
        if (closed) {
            return;
        }
        long millis = Math.min(maxBackoff.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures, 16));
        failures++;
        log.warn("ARI {}: {} ({}); next attempt in {} ms", settings.url(), why.getMessage(), why.kind(), millis);
        listener.failed(why, Duration.ofMillis(millis));
        thread.schedule(this::attempt, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        AriClient c = client;
        if (c != null) {
            c.close();
        }
        thread.shutdownNow();
    }
}
