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
 * Stores an import's batches on a thread of its own while the next batch is read, assembled
 * and turned into rows ({@link CallHistory#prepare}, on the caller's thread): the reading and
 * the database each keep a core busy. One batch waits at most. Each batch is stored in a
 * transaction of its own ({@link CallHistory#load(TenantId, CallHistory.Batch)}).
 */
final class BatchWriter implements AutoCloseable {

    private final CallHistory history;
    private final TenantId tenant;
    private final BlockingQueue<Optional<CallHistory.Batch>> queue = new ArrayBlockingQueue<>(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private int batches;
    private long calls;
    private long alreadyStored;
    private long stateIntervals;

    BatchWriter(CallHistory history, TenantId tenant) {
        this.history = history;
        this.tenant = tenant;
        this.thread = new Thread(() -> TenantContext.as(tenant, this::loop), "history-import-writer");
        thread.setDaemon(true);
        thread.start();
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
                batches++;
                if (Integer.bitCount(batches) == 1) {
                    history.analyze(); // after batches 1, 2, 4, 8 …: the tables have doubled
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            queue.clear();
        }
    }

    /** Hands a batch to the writer; waits while the one before is still waiting. */
    void store(List<CallHistory.Call> calls, List<CallHistory.StateInterval> states) {
        if (!calls.isEmpty() || !states.isEmpty()) {
            put(Optional.of(history.prepare(tenant, calls, states)));
        }
    }

    /** Waits for every batch to be stored; throws what the writer met. */
    void finish() {
        put(Optional.empty());
        try {
            thread.join();
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
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the writer stopped");
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
        thread.interrupt();
    }
}
