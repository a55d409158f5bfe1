package io.linia.acd.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened, in order, with the time it happened (ACD-10). Stored as call events and fed
 * to the live counters; the engine's state can be rebuilt from its inputs.
 */
public sealed interface AcdEvent {

    Instant at();

    /** The call entered a queue at {@code position} (1 = first in line). */
    record CallQueued(String callId, String queueId, int position, int priority, Instant at) implements AcdEvent {
    }

    /** The call was offered to (rings at) an agent. */
    record CallOffered(String callId, String queueId, String agentId, Instant at) implements AcdEvent {
    }

    /** The agent let the call ring out (ACD-5): counted as missed for the agent. */
    record RingNoAnswer(String callId, String queueId, String agentId, Instant at) implements AcdEvent {
    }

    /** Agent and caller are connected after {@code waited} in queue (from arrival at the first queue). */
    record CallConnected(String callId, String queueId, String agentId, Duration waited, Instant at) implements AcdEvent {
    }

    record CallHeld(String callId, String agentId, Instant at) implements AcdEvent {
    }

    record CallResumed(String callId, String agentId, Instant at) implements AcdEvent {
    }

    /** The agent moved the call to another queue (blind transfer). */
    record CallTransferred(String callId, String fromQueueId, String agentId, String toQueueId, Instant at)
            implements AcdEvent {
    }

    /** A connected call ended; {@code talk} runs from connect to end, hold included. */
    record CallCompleted(String callId, String queueId, String agentId, EndedBy endedBy, Duration talk, Instant at)
            implements AcdEvent {
    }

    /** The caller hung up before being connected, at {@code position}, after {@code waited}. */
    record CallAbandoned(String callId, String queueId, int position, Duration waited, Instant at) implements AcdEvent {
    }

    /** The queue's maximum wait passed (the overflow follows). */
    record CallTimedOut(String callId, String queueId, Duration waited, Instant at) implements AcdEvent {
    }

    /** The call left its queue for the overflow; {@code reason}: timeout, queue_full, no_agents. */
    record CallOverflowed(String callId, String queueId, String reason, Overflow overflow, Instant at)
            implements AcdEvent {
    }

    /** The caller asked to be called back (or was sent to callback by an overflow); the place is kept. */
    record CallbackRequested(String callId, String queueId, Instant at) implements AcdEvent {
    }

    /** An agent's state changed; {@code reason} is the pause reason when {@code to} is PAUSED. */
    record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason, Instant at)
            implements AcdEvent {
    }

    /** An agent joined or left a queue. */
    record AgentMembershipChanged(String agentId, String queueId, boolean member, Instant at) implements AcdEvent {
    }
}
