package io.linia.platform.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.TenantId;
import io.linia.platform.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The keyring cache: bounded, expiring on the injected clock, and never re-filled with pre-rotation keys. */
class TenantCacheTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final TenantCache<String> cache = new TenantCache<>(2, Duration.ofMinutes(5), clock);
    final TenantId a = tenant();
    final TenantId b = tenant();
    final TenantId c = tenant();

    static TenantId tenant() {
        return TenantId.of(UUID.randomUUID());
    }

    @Test
    void theLeastRecentlyUsedTenantLeavesWhenFull() {
        cache.put(a, "A", cache.generation());
        cache.put(b, "B", cache.generation());
        cache.get(a);
        cache.put(c, "C", cache.generation());

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(a)).isEqualTo("A");
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(c)).isEqualTo("C");
    }

    @Test
    void anEntryExpiresAfterTheTimeToLive() {
        cache.put(a, "A", cache.generation());
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(cache.get(a)).isEqualTo("A");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(a)).isNull();
    }

    @Test
    void aValueLoadedBeforeAnInvalidationIsNotCached() {
        cache.put(a, "old keys", cache.generation());
        long seenByASlowReader = cache.generation();
        cache.invalidate(a);
        cache.put(a, "old keys read before the rotation committed", seenByASlowReader);
        assertThat(cache.get(a)).isNull();

        cache.put(a, "new keys", cache.generation());
        assertThat(cache.get(a)).isEqualTo("new keys");
    }
}
