package io.linia.acd;

import java.util.Map;
import java.util.UUID;

/**
 * What an administrator sets on a queue (ACD-1); {@code null}s take the defaults.
 *
 * @param mohClass             the music-on-hold class the waiting caller hears ("default")
 * @param announcePosition     tell the waiting caller their place in line, every {@code announceEverySeconds}
 * @param announceExpectedWait tell the waiting caller the expected wait, as often
 * @param announceEverySeconds 15..600, default 60
 * @param script               the operator script (Markdown) shown on the workstation for the queue's calls (WS-6)
 * @param kbTopicId            a knowledge-base topic whose articles come with the queue's calls (WS-5)
 */
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
        Boolean overflowWhenNoAgents,
        String mohClass,
        Boolean announcePosition,
        Boolean announceExpectedWait,
        Integer announceEverySeconds,
        String script,
        UUID kbTopicId) {

    /** The routing settings only; the waiting caller's, the script and the topic take their defaults. */
    public QueueSettings(String number, String name, String strategy, Map<String, Integer> requiredSkills,
                         Integer priority, Integer serviceLevelSeconds, Integer maxWaitSeconds, String overflowKind,
                         String overflowTarget, Integer maxLength, Integer wrapUpSeconds, Integer ringTimeoutSeconds,
                         Boolean pauseOnNoAnswer, Boolean overflowWhenNoAgents) {
        this(number, name, strategy, requiredSkills, priority, serviceLevelSeconds, maxWaitSeconds, overflowKind,
                overflowTarget, maxLength, wrapUpSeconds, ringTimeoutSeconds, pauseOnNoAnswer, overflowWhenNoAgents,
                null, null, null, null, null, null);
    }
}
