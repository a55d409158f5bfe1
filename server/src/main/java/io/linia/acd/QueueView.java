package io.linia.acd;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A queue with every setting of ACD-1 that routing uses. */
public record QueueView(
        UUID id,
        String number,
        String name,
        String strategy,
        Map<String, Integer> requiredSkills,
        int priority,
        int serviceLevelSeconds,
        Integer maxWaitSeconds,
        String overflowKind,
        String overflowTarget,
        int maxLength,
        int wrapUpSeconds,
        int ringTimeoutSeconds,
        boolean pauseOnNoAnswer,
        boolean overflowWhenNoAgents,
        Instant createdAt,
        Instant updatedAt,
        int version) {
}
