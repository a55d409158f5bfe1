package io.linia.platform.time;

import java.time.Instant;

/**
 * Runs work at an instant of the application's clock: in real time on a thread pool, or in
 * virtual time when the clock is a {@link MutableClock} (tests, the simulated switch's virtual
 * mode), where {@link VirtualScheduler#advance} runs the due work in order.
 */
public interface Scheduler {

    /** A scheduled task that can be called off. */
    interface Task {
        void cancel();
    }

    Task schedule(Instant at, Runnable work);

    Instant now();
}
