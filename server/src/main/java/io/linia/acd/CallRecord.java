package io.linia.acd;

import java.time.Instant;
import java.util.UUID;

/**
 * The newest record of a call (RT-4 {@code call_action}): the stored summary plus its live state.
 * {@code direction}: inbound, outbound (an agent called a number) or internal (agent to agent or
 * queue, a consultation); {@code fromAgentId} the agent who placed an outbound or internal call;
 * {@code parentCallId} the held call a consultation leg is about.
 */
public record CallRecord(String id, String direction, String caller, String dialled, UUID queueId, UUID agentId,
                         String state, Instant arrivedAt, Instant connectedAt, Instant endedAt, Long waitMs, Long talkMs,
                         String outcome, String endedBy, UUID fromAgentId, String parentCallId) {
}
