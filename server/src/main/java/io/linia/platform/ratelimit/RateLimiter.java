package io.linia.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets by key (SEC-9): each key may take {@code capacity} permits, refilled
 * evenly over {@code period}. Buckets live in a bounded map and are forgotten after a
 * quiet period, so cycling keys cannot exhaust memory. Time comes from the application's
 * {@link Clock}, so tests move it with the virtual clock.
 */
public final class RateLimiter {

    /** The verdict: allowed, or refused with the wait until one permit is back. */
    public record Verdict(boolean allowed, long remaining, Duration retryAfter) {
    }

    private final long capacity;
    private final Duration period;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(long capacity, Duration period, Clock clock, long maxKeys) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs a capacity >= 1 and a positive period");
        }
        this.capacity = capacity;
        this.period = period;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                java.time.Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                // a bucket untouched for two periods is full again: forgetting it changes nothing
                .expireAfterAccess(period.multipliedBy(2))
                .ticker(time::currentTimeNanos)
                .build();
    }

    /** Takes one permit for {@code key}. */
    public Verdict acquire(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Verdict(true, probe.getRemainingTokens(), Duration.ZERO);
        }
        return new Verdict(false, 0, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    public long capacity() {
        return capacity;
    }
}
