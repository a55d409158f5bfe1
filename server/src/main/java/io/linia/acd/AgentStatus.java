package io.linia.acd;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agent's live status: state, since when, the queues joined and the current call. */
public record AgentStatus(UUID userId, String state, String reason, Instant since, List<UUID> queues, String callId) {
}
