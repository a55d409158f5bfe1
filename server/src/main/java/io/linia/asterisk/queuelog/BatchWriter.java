package io.linia.asterisk.queuelog;

import io.linia.acd.CallHistory;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stores an import's batches on threads of their own while the next batch is read, assembled
 * and turned into rows ({@link CallHistory#prepare}, on the caller's thread). Each batch is
 * stored in a transaction of its own ({@link CallHistory#load(TenantId, CallHistory.Batch)}),
 * so batches are independent and {@code writers} of them are stored side by side: storing is
 * bound by PostgreSQL's CPU (rows, indexes, foreign-key checks), and one transaction keeps
 * only one core busy. One batch waits at most besides those being stored.
 *
 * <p>Batches may be stored out of order; every stored batch is whole, and a new import of
 * the same lines skips what was stored. Concurrent batches touch the same rollup rows only
 * around their borders; those are written in key order, so one waits for the other.
 */
final class BatchWriter implements AutoCloseable {

    private final CallHistory history;
    private final TenantId tenant;
    private final int batchCalls;
    private final BlockingQueue<Optional<CallHistory.Batch>> queue = new ArrayBlockingQueue<>(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<Thread> threads = new java.util.ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    private long calls;
    private long alreadyStored;
    private long stateIntervals;

    BatchWriter(CallHistory history, TenantId tenant, int batchCalls, int writers) {
        this.history = history;
        this.tenant = tenant;
        this.batchCalls = batchCalls;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(() -> TenantContext.as(tenant, this::loop), "history-import-writer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void loop() {
        try {
            while (true) {
                Optional<CallHistory.Batch> batch = queue.take();
                if (batch.isEmpty()) {
                    return;
                }
                CallHistory.Loaded loaded = history.load(tenant, batch.get());
                synchronized (this) {
                    calls += loaded.calls();
                    alreadyStored += loaded.alreadyStored();
                    stateIntervals += loaded.stateIntervals();
                }
                if (Integer.bitCount(batches.incrementAndGet()) == 1) {
                    history.analyze(); // after batches 1, 2, 4, 8 …: the tables have doubled
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    /**
     * Hands calls and state intervals to the writers: cut into as many batches of about
     * {@code batchCalls} calls as fit (at least one), each with an even share of the
     * intervals, so that the batches stored side by side take about as long; waits while the
     * batch before is still waiting.
     */
    void store(List<CallHistory.Call> calls, List<CallHistory.StateInterval> states) {
        if (calls.isEmpty() && states.isEmpty()) {
            return;
        }
        int batches = Math.max(1, calls.size() / batchCalls);
        for (int i = 0; i < batches; i++) {
            put(Optional.of(history.prepare(tenant, share(calls, i, batches), share(states, i, batches),
                    CallHistory.Events.NOT_IN_LEGS)));
        }
    }

    private static <T> List<T> share(List<T> all, int i, int of) {
        return all.subList((int) ((long) all.size() * i / of), (int) ((long) all.size() * (i + 1) / of));
    }

    /** Waits for every batch to be stored; throws what the writer met. */
    void finish() {
        for (int i = 0; i < threads.size(); i++) {
            put(Optional.empty());
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        }
        rethrow();
    }

    /** Calls stored so far that were new to the store. */
    synchronized long calls() {
        return calls;
    }

    /** Calls the store had already. */
    synchronized long alreadyStored() {
        return alreadyStored;
    }

    /** State intervals stored so far. */
    synchronized long stateIntervals() {
        return stateIntervals;
    }

    private void put(Optional<CallHistory.Batch> batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (threads.stream().noneMatch(Thread::isAlive)) {
                    throw new IllegalStateException("the writers stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
