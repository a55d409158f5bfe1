package io.linia.acd.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened, in order, with the time it happened (ACD-10). Stored as call events and fed
 * to the live counters; the engine's state can be rebuilt from its inputs.
 */
public sealed interface AcdEvent {

    Instant at();

    /** An event of one call; {@code agentId} is the agent it concerns, when there is one. */
    sealed interface CallEvent extends AcdEvent {

        String callId();

        default String agentId() {
            return null;
        }
    }

    /** The call entered a queue at {@code position} (1 = first in line). */
    record CallQueued(String callId, String queueId, int position, int priority, Instant at) implements CallEvent {
    }

    /** The call was offered to (rings at) an agent. */
    record CallOffered(String callId, String queueId, String agentId, Instant at) implements CallEvent {
    }

    /** The agent let the call ring out (ACD-5): counted as missed for the agent. */
    record RingNoAnswer(String callId, String queueId, String agentId, Instant at) implements CallEvent {
    }

    /** Agent and caller are connected after {@code waited} in queue (from arrival at the first queue). */
    record CallConnected(String callId, String queueId, String agentId, Duration waited, Instant at) implements CallEvent {
    }

    record CallHeld(String callId, String agentId, Instant at) implements CallEvent {
    }

    record CallResumed(String callId, String agentId, Instant at) implements CallEvent {
    }

    /** The agent moved the call to another queue (blind transfer). */
    /**
     * A blind transfer (WS-3): {@code toKind} is {@code queue}, {@code agent} (a user id) or
     * {@code number}, {@code target} the queue id, agent id or number; {@code toQueueId} is the
     * target for a queue, otherwise {@code null}.
     */
    record CallTransferred(String callId, String fromQueueId, String agentId, String toQueueId, String toKind,
                           String target, Instant at) implements CallEvent {

        public CallTransferred(String callId, String fromQueueId, String agentId, String toQueueId, Instant at) {
            this(callId, fromQueueId, agentId, toQueueId, "queue", toQueueId, at);
        }
    }

    /**
     * An agent placed a call (TEL-1, WS-3): an outbound call ({@code parentCallId} null) or a
     * consultation leg of the held call {@code parentCallId}. {@code kind}: {@code number},
     * {@code agent} or {@code queue}; {@code target} the number, agent id or queue id.
     */
    record CallDialled(String callId, String agentId, String kind, String target, String parentCallId, Instant at)
            implements CallEvent {
    }

    /** The far end of an agent's call to a number answered. */
    record OutboundConnected(String callId, String agentId, Instant at) implements CallEvent {
    }

    /**
     * An agent's call (outbound or consultation) ended before anyone answered it:
     * {@code endedBy} AGENT = the placing agent gave up, CALLER = the far end (busy, no answer).
     */
    record OutboundNotAnswered(String callId, String agentId, EndedBy endedBy, Instant at) implements CallEvent {
    }

    /** The agent put the call on hold and placed the consultation leg {@code consultCallId}. */
    record ConsultStarted(String callId, String agentId, String consultCallId, String kind, String target, Instant at)
            implements CallEvent {
    }

    /**
     * The consultation of the call ended: {@code reason} {@code complete} (the caller is now
     * with the consulted party: {@code toAgentId}, or {@code toNumber} outside), {@code cancel},
     * {@code hangup} (the consulted party hung up), {@code no_answer}, {@code caller_left}.
     */
    record ConsultEnded(String callId, String agentId, String consultCallId, String reason, String toAgentId,
                        String toNumber, Instant at) implements CallEvent {
    }

    /** A connected call ended; {@code talk} runs from connect to end, hold included. */
    record CallCompleted(String callId, String queueId, String agentId, EndedBy endedBy, Duration talk, Instant at)
            implements CallEvent {
    }

    /** The caller hung up before being connected, at {@code position}, after {@code waited}. */
    record CallAbandoned(String callId, String queueId, int position, Duration waited, Instant at) implements CallEvent {
    }

    /** The queue's maximum wait passed (the overflow follows). */
    record CallTimedOut(String callId, String queueId, Duration waited, Instant at) implements CallEvent {
    }

    /** The call left its queue for the overflow; {@code reason}: timeout, queue_full, no_agents. */
    record CallOverflowed(String callId, String queueId, String reason, Overflow overflow, Instant at)
            implements CallEvent {
    }

    /** The caller asked to be called back (or was sent to callback by an overflow); the place is kept. */
    record CallbackRequested(String callId, String queueId, Instant at) implements CallEvent {
    }

    /** An agent's state changed; {@code reason} is the pause reason when {@code to} is PAUSED. */
    record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason, Instant at)
            implements AcdEvent {
    }

    /** An agent joined or left a queue. */
    record AgentMembershipChanged(String agentId, String queueId, boolean member, Instant at) implements AcdEvent {
    }
}
