package io.linia.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real time: a small pool runs each task when the wall clock reaches its instant. */
final class RealTimeScheduler implements Scheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealTimeScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor pool;

    RealTimeScheduler(Clock clock, int threads) {
        this.clock = clock;
        this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "linia-scheduler");
            t.setDaemon(true);
            return t;
        });
        this.pool.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Task schedule(Instant at, Runnable work) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        ScheduledFuture<?> f = pool.schedule(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("A scheduled task failed", e);
            }
        }, delay, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
