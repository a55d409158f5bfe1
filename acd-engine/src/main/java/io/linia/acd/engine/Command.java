package io.linia.acd.engine;

/**
 * What the engine asks the switch to do (through the telephony port). The host carries them
 * out and reports back with the engine's inputs (answered, hung up …).
 */
public sealed interface Command {

    String callId();

    /** Ring an agent's endpoint with the call. */
    record RingAgent(String callId, String agentId, String queueId) implements Command {
    }

    /** Stop ringing an agent (another agent answered, the caller left, or ring-no-answer). */
    record StopRinging(String callId, String agentId) implements Command {
    }

    /** Call the caller back for this agent (virtual hold, ACD-7): the agent is reserved meanwhile. */
    record CallBack(String callId, String agentId, String queueId) implements Command {
    }

    /** Tell the caller they will be called back and release them; the place in line is kept. */
    record ReleaseForCallback(String callId, String queueId) implements Command {
    }

    /** Send the caller to voicemail; the call has left the ACD. */
    record SendToVoicemail(String callId, String queueId) implements Command {
    }

    /** Play a message and release the caller; the call has left the ACD. */
    record PlayMessageAndRelease(String callId, String message) implements Command {
    }

    /** Refuse the call (full queue or no agents, with no overflow set); it has left the ACD. */
    record Reject(String callId, String queueId, String reason) implements Command {
    }

    /** Place the agent's call to an external number from the agent's phone (outbound or consultation). */
    record Dial(String callId, String agentId, String number) implements Command {
    }

    /** Place a call from the agent's phone held in the platform; {@link RingAgent} rings it at an agent next. */
    record PlaceInternal(String callId, String agentId) implements Command {
    }

    /** Send the caller out to an external number (blind transfer); the call has left the ACD. */
    record TransferOut(String callId, String number) implements Command {
    }

    /** Join the held caller with the consulted party of {@code consultCallId}; the agent drops out. */
    record Connect(String callId, String consultCallId) implements Command {
    }

    /** Put a caller on hold (music) or take them off it. */
    record Hold(String callId, boolean on) implements Command {
    }

    /**
     * Tell a waiting caller where they stand (ACD-1 announcements), then back to the music.
     *
     * @param position            1-based place in line, or {@code null} when the queue does not announce it
     * @param expectedWaitMinutes the estimate in whole minutes (at least 1), or {@code null} when not
     *                            announced or not known yet (no call of the queue has been handled)
     */
    record Announce(String callId, String queueId, Integer position, Integer expectedWaitMinutes) implements Command {
    }

    /** End a call (a consultation leg the agent no longer needs). */
    record HangUp(String callId) implements Command {
    }
}
