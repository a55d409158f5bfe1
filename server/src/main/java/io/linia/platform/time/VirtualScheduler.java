package io.linia.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual time: nothing runs by itself. {@link #advance(Duration)} moves the clock task by
 * task — each task sees the clock at its own instant — and {@link #runDue()} runs what is due
 * now. Deterministic: tasks at the same instant run in the order they were scheduled.
 */
public final class VirtualScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(VirtualScheduler.class);

    private final MutableClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    private static final class Entry implements Comparable<Entry> {
        final Instant at;
        final long seq;
        final Runnable work;
        volatile boolean cancelled;

        Entry(Instant at, long seq, Runnable work) {
            this.at = at;
            this.seq = seq;
            this.work = work;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public VirtualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Task schedule(Instant at, Runnable work) {
        Entry e = new Entry(at, ++sequence, work);
        queue.add(e);
        return () -> e.cancelled = true;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    /** Runs every task due at the clock's present instant (and those they schedule for now). */
    public void runDue() {
        runUntil(clock.instant());
    }

    /** Moves virtual time forward by {@code by}, running each due task at its instant. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("Time does not run back");
        }
        runUntil(clock.instant().plus(by));
    }

    private void runUntil(Instant target) {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.cancelled) {
                continue;
            }
            if (next.at.isAfter(clock.instant())) {
                clock.set(next.at);
            }
            try {
                next.work.run();
            } catch (RuntimeException e) {
                log.error("A scheduled task failed", e);
            }
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }
}
