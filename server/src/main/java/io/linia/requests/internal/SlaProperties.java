package io.linia.requests.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the SLA sweep escalates overdue requests (CASE-3, {@link SlaSweep}).
 *
 * @param sweepInterval the longest wait between two sweeps of a node; besides, a node sweeps at the
 *                      earliest stored deadline and at the deadline of a request it has just
 *                      changed. It bounds how late a deadline set on another node is noticed.
 *                      At least one second; default 30 s
 * @param batchSize     requests claimed and escalated in one transaction (1..10,000; default 200):
 *                      larger batches mean fewer round trips, smaller ones shorter row locks
 */
@ConfigurationProperties("linia.requests.sla")
public record SlaProperties(@DefaultValue("PT30S") Duration sweepInterval, @DefaultValue("200") int batchSize) {

    public SlaProperties {
        if (sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("linia.requests.sla.sweep-interval must be at least PT1S");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("linia.requests.sla.batch-size must be 1..10000");
        }
    }
}
