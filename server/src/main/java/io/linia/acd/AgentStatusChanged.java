package io.linia.acd;

import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent's state changed (published after the change is stored). {@code status} is the
 * user's status of RT-2 ({@code free}, {@code pause}, {@code offline}); {@code state} the
 * detailed ACD state (FREE, RINGING, TALKING, HOLD, WRAP_UP, PAUSED, OFFLINE).
 */
public record AgentStatusChanged(TenantId tenant, UUID userId, String status, String state, String reason,
                                 Instant since) {

    public static String statusOf(String state) {
        return switch (state) {
            case "PAUSED" -> "pause";
            case "OFFLINE" -> "offline";
            default -> "free";
        };
    }
}
