package io.linia.acd;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A queue with every setting of ACD-1: routing, what a waiting caller hears (music-on-hold class,
 * announcements), the operator script (Markdown, WS-6) and the knowledge-base topic (WS-5).
 */
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
        String mohClass,
        boolean announcePosition,
        boolean announceExpectedWait,
        int announceEverySeconds,
        String script,
        UUID kbTopicId,
        Instant createdAt,
        Instant updatedAt,
        int version) {
}
