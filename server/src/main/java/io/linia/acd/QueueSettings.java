package io.linia.acd;

import java.util.Map;

/** What an administrator sets on a queue (ACD-1); {@code null}s take the defaults. */
public record QueueSettings(
        String number,
        String name,
        String strategy,
        Map<String, Integer> requiredSkills,
        Integer priority,
        Integer serviceLevelSeconds,
        Integer maxWaitSeconds,
        String overflowKind,
        String overflowTarget,
        Integer maxLength,
        Integer wrapUpSeconds,
        Integer ringTimeoutSeconds,
        Boolean pauseOnNoAnswer,
        Boolean overflowWhenNoAgents) {
}
