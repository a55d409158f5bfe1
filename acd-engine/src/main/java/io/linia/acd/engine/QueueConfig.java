package io.linia.acd.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The routing settings of one queue (ACD-1, ACD-4..7). Validated on construction: a bad value
 * is refused with the field it concerns.
 *
 * @param id                  the queue's id
 * @param strategy            how agents are chosen
 * @param requiredSkills      skill → minimum level (1..10) an agent needs to take calls here
 * @param priority            among an agent's queues, a higher priority is served first
 * @param serviceLevel        service-level threshold (answered within), for the statistics
 * @param maxWait             longest wait before {@code overflow} applies; {@code null} = none
 * @param overflow            where calls go after {@code maxWait}, when the queue is full, or
 *                            when no agent is logged in (if {@code overflowWhenNoAgents})
 * @param maxLength           most calls waiting at once; 0 = unlimited
 * @param wrapUp              after-call work time before the agent is free again
 * @param ringTimeout         ring-no-answer limit (ACD-5)
 * @param pauseOnNoAnswer     pause an agent who let a call ring out (ACD-5)
 * @param overflowWhenNoAgents apply {@code overflow} at once when no agent is logged in
 * @param waiting             what a waiting caller hears: the music-on-hold class and the periodic
 *                            announcements of position and expected wait ({@link Waiting})
 */
public record QueueConfig(
        String id,
        Strategy strategy,
        Map<String, Integer> requiredSkills,
        int priority,
        Duration serviceLevel,
        Duration maxWait,
        Overflow overflow,
        int maxLength,
        Duration wrapUp,
        Duration ringTimeout,
        boolean pauseOnNoAnswer,
        boolean overflowWhenNoAgents,
        Waiting waiting) {

    /**
     * What a caller hears while waiting (ACD-1): music on hold of {@code mohClass}, and every
     * {@code announceEvery} (15 s .. 10 min) the position in line and/or the expected wait.
     */
    public record Waiting(String mohClass, boolean announcePosition, boolean announceExpectedWait, Duration announceEvery) {

        public static final Duration MIN_EVERY = Duration.ofSeconds(15);
        public static final Duration MAX_EVERY = Duration.ofMinutes(10);
        public static final Waiting DEFAULT = new Waiting("default", false, false, Duration.ofSeconds(60));

        public Waiting {
            mohClass = mohClass == null || mohClass.isBlank() ? "default" : mohClass;
            if (!mohClass.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new AcdException("range", "mohClass", "A music-on-hold class is 1..80 letters, digits, - or _");
            }
            announceEvery = announceEvery == null ? Duration.ofSeconds(60) : announceEvery;
            if (announceEvery.compareTo(MIN_EVERY) < 0 || announceEvery.compareTo(MAX_EVERY) > 0) {
                throw new AcdException("range", "announceEverySeconds", "Announcements come every 15..600 s");
            }
        }

        /** True when anything is announced. */
        public boolean announces() {
            return announcePosition || announceExpectedWait;
        }
    }

    /** The settings without the waiting caller's (music class "default", no announcements). */
    public QueueConfig(String id, Strategy strategy, Map<String, Integer> requiredSkills, int priority,
                       Duration serviceLevel, Duration maxWait, Overflow overflow, int maxLength, Duration wrapUp,
                       Duration ringTimeout, boolean pauseOnNoAnswer, boolean overflowWhenNoAgents) {
        this(id, strategy, requiredSkills, priority, serviceLevel, maxWait, overflow, maxLength, wrapUp, ringTimeout,
                pauseOnNoAnswer, overflowWhenNoAgents, Waiting.DEFAULT);
    }

    public QueueConfig {
        if (id == null || id.isBlank()) {
            throw new AcdException("required", "id", "A queue needs an id");
        }
        Objects.requireNonNull(strategy, "strategy");
        requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
        requiredSkills.forEach((skill, level) -> {
            if (level == null || level < 1 || level > 10) {
                throw new AcdException("range", "requiredSkills." + skill, "A skill level is 1..10");
            }
        });
        if (priority < 0 || priority > 100) {
            throw new AcdException("range", "priority", "Queue priority is 0..100");
        }
        serviceLevel = positive(serviceLevel == null ? Duration.ofSeconds(20) : serviceLevel, "serviceLevel", Duration.ofHours(1));
        if (maxWait != null) {
            positive(maxWait, "maxWait", Duration.ofDays(1));
        }
        overflow = overflow == null ? Overflow.NONE : overflow;
        if (overflow.kind() == Overflow.Kind.QUEUE && overflow.target().equals(id)) {
            throw new AcdException("overflow_to_itself", "overflow.target", "A queue cannot overflow into itself");
        }
        if (maxLength < 0 || maxLength > 100_000) {
            throw new AcdException("range", "maxLength", "Queue length limit is 0 (none)..100000");
        }
        wrapUp = wrapUp == null ? Duration.ZERO : wrapUp;
        if (wrapUp.isNegative() || wrapUp.compareTo(Duration.ofHours(1)) > 0) {
            throw new AcdException("range", "wrapUp", "Wrap-up is 0..3600 s");
        }
        ringTimeout = positive(ringTimeout == null ? Duration.ofSeconds(20) : ringTimeout, "ringTimeout", Duration.ofMinutes(10));
        waiting = waiting == null ? Waiting.DEFAULT : waiting;
    }

    /** A queue with the defaults: longest idle, 20 s service level, no limits, no wrap-up. */
    public static QueueConfig of(String id, Strategy strategy) {
        return new QueueConfig(id, strategy, Map.of(), 0, null, null, Overflow.NONE, 0, Duration.ZERO, null, true, false);
    }

    public QueueConfig withRequiredSkills(Map<String, Integer> skills) {
        return new QueueConfig(id, strategy, skills, priority, serviceLevel, maxWait, overflow, maxLength, wrapUp,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withPriority(int p) {
        return new QueueConfig(id, strategy, requiredSkills, p, serviceLevel, maxWait, overflow, maxLength, wrapUp,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withMaxWait(Duration wait, Overflow then) {
        return new QueueConfig(id, strategy, requiredSkills, priority, serviceLevel, wait, then, maxLength, wrapUp,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withLimits(int length, boolean noAgentsOverflow, Overflow then) {
        return new QueueConfig(id, strategy, requiredSkills, priority, serviceLevel, maxWait, then, length, wrapUp,
                ringTimeout, pauseOnNoAnswer, noAgentsOverflow, waiting);
    }

    public QueueConfig withWrapUp(Duration d) {
        return new QueueConfig(id, strategy, requiredSkills, priority, serviceLevel, maxWait, overflow, maxLength, d,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withRing(Duration timeout, boolean pause) {
        return new QueueConfig(id, strategy, requiredSkills, priority, serviceLevel, maxWait, overflow, maxLength, wrapUp,
                timeout, pause, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withStrategy(Strategy s) {
        return new QueueConfig(id, s, requiredSkills, priority, serviceLevel, maxWait, overflow, maxLength, wrapUp,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, waiting);
    }

    public QueueConfig withWaiting(Waiting w) {
        return new QueueConfig(id, strategy, requiredSkills, priority, serviceLevel, maxWait, overflow, maxLength, wrapUp,
                ringTimeout, pauseOnNoAnswer, overflowWhenNoAgents, w);
    }

    private static Duration positive(Duration d, String field, Duration max) {
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw new AcdException("range", field, field + " must be above 0 and at most " + max.toSeconds() + " s");
        }
        return d;
    }
}
