package io.linia.asterisk.ami;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an AMI connection up (TEL-3): connects, and after a failure or a lost connection (an
 * Asterisk restart) tries again after 0.5 s, 1 s, 2 s … up to {@code maxBackoff}, until closed.
 * {@code onConnected} runs on every (re)connection — the place to re-read state with
 * QueueStatus, since events during the gap are gone.
 */
public final class AmiSession implements AutoCloseable {

    /** What the session reports besides events. */
    public interface Listener {

        /** A new connection is up and logged in. */
        void connected(AmiClient client);

        /** A connection attempt failed, or the connection was lost; another attempt follows after {@code retryIn}. */
        void failed(AmiException why, Duration retryIn);
    }

    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final AmiClient.Settings settings;
    private final Consumer<AmiMessage> events;
    private final Listener listener;
    private final Duration maxBackoff;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ami-session");
        t.setDaemon(true);
        return t;
    });
    private volatile AmiClient client;
    private volatile boolean closed;
    private int failures;

    public AmiSession(AmiClient.Settings settings, Consumer<AmiMessage> events, Listener listener, Duration maxBackoff) {
        this.settings = settings;
        this.events = events;
        this.listener = listener;
        this.maxBackoff = maxBackoff;
    }

    public void start() {
        timer.execute(this::attempt);
    }

    /** The live connection, or null between connections. */
    public AmiClient client() {
        AmiClient c = client;
        return c != null && c.isOpen() ? c : null;
    }

    private void attempt() {
        if (closed) {
            return;
        }
        try {
            AmiClient c = AmiClient.connect(settings, events, this::lost);
            client = c;
            failures = 0;
            log.info("AMI connected to {}:{} as {}", settings.host(), settings.port(), settings.username());
            listener.connected(c);
        } catch (AmiException e) {
            retry(e);
        } catch (RuntimeException e) {
            retry(new AmiException(AmiException.Kind.DISCONNECTED, "The connection failed: " + e, e));
        }
    }

    private void lost(AmiException why) {
        client = null;
        timer.execute(() -> retry(why));
    }

    private void retry(AmiException why) {
        if (closed) {
            return;
        }
        long millis = Math.min(maxBackoff.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures, 16));
        failures++;
        Duration wait = Duration.ofMillis(millis);
        log.warn("AMI {}:{}: {} ({}); next attempt in {} ms", settings.host(), settings.port(), why.getMessage(), why.kind(),
                millis);
        listener.failed(why, wait);
        timer.schedule(this::attempt, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        AmiClient c = client;
        if (c != null) {
            c.close();
        }
        timer.shutdownNow();
    }
}
