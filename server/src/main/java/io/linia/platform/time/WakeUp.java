package io.linia.platform.time;

import java.time.Instant;

/**
 * One planned wake-up of a periodic worker (the SLA sweep, the mail outbox): asking for an
 * instant earlier than the planned one moves it there, a later one changes nothing, so a worker
 * holds one scheduled task however many changes ask for it. The work runs on the scheduler's
 * thread once the wake-up is due; it plans its next wake-up itself.
 */
public final class WakeUp {

    private final Scheduler scheduler;
    private final Runnable work;
    private Scheduler.Task planned;
    private Instant plannedAt;

    public WakeUp(Scheduler scheduler, Runnable work) {
        this.scheduler = scheduler;
        this.work = work;
    }

    /** Wakes the worker at {@code at} unless a wake-up is planned at or before it. */
    public synchronized void by(Instant at) {
        if (planned != null && !at.isBefore(plannedAt)) {
            return;
        }
        if (planned != null) {
            planned.cancel();
        }
        plannedAt = at;
        planned = scheduler.schedule(at, this::fire);
    }

    private void fire() {
        synchronized (this) {
            planned = null;
            plannedAt = null;
        }
        work.run();
    }
}
