package io.linia.acd;

import java.time.Instant;
import java.util.UUID;

/** The newest record of a call (RT-4 {@code call_action}): the stored summary plus its live state. */
public record CallRecord(String id, String direction, String caller, String dialled, UUID queueId, UUID agentId,
                         String state, Instant arrivedAt, Instant connectedAt, Instant endedAt, Long waitMs, Long talkMs,
                         String outcome, String endedBy) {
}
