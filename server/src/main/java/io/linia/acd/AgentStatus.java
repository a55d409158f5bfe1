package io.linia.acd;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent's live status: state, since when, the queues joined, the current call (ringing,
 * talked, held, or the agent's own call ringing out) and, while consulting, the consultation
 * leg ({@code consultCallId}).
 */
public record AgentStatus(UUID userId, String state, String reason, Instant since, List<UUID> queues, String callId,
                          String consultCallId) {
}
