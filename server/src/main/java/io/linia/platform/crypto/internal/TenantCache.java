package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory map of one value per tenant: least recently used entries leave first,
 * and an entry older than the time-to-live counts as absent (time from the injected clock).
 *
 * <p>{@link #invalidate} bumps a generation; a loader that read the database before an
 * invalidation passes the generation it saw to {@link #put}, which then drops the value, so a
 * slow reader never re-caches keys older than a rotation that has just committed.
 */
final class TenantCache<V> {

    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final int maxSize;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<TenantId, Entry<V>> entries;
    private long generation;

    TenantCache(int maxSize, Duration ttl, Clock clock) {
        this.maxSize = maxSize;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, Entry<V>> eldest) {
                return size() > TenantCache.this.maxSize;
            }
        };
    }

    /** The cached value, or {@code null} when absent or expired. */
    synchronized V get(TenantId tenant) {
        Entry<V> e = entries.get(tenant);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.loadedAt().plus(ttl))) {
            entries.remove(tenant);
            return null;
        }
        return e.value();
    }

    /** Read before loading from the database, and passed to {@link #put}. */
    synchronized long generation() {
        return generation;
    }

    /** Caches {@code value} unless an invalidation happened since {@code seenGeneration}. */
    synchronized void put(TenantId tenant, V value, long seenGeneration) {
        if (seenGeneration == generation) {
            entries.put(tenant, new Entry<>(value, clock.instant()));
        }
    }

    synchronized void invalidate(TenantId tenant) {
        generation++;
        entries.remove(tenant);
    }

    synchronized int size() {
        return entries.size();
    }
}
