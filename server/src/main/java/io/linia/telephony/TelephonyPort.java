package io.linia.telephony;

/**
 * Commands to a switch for one tenant's calls (TEL-1). Implementations must never call back
 * into {@link TelephonyEvents} from inside a command: what a command causes is reported
 * later, as a switch would, so the caller's state machine is never re-entered.
 */
public interface TelephonyPort {

    /** Ring an agent's endpoint (extension) with an inbound call waiting in the platform. */
    void ringAgent(String callId, String endpoint);

    /** Stop ringing an endpoint. */
    void stopRinging(String callId, String endpoint);

    /** Connect the caller with the endpoint that answered. */
    void bridge(String callId, String endpoint);

    /** Hang the call up from the platform's side (the agent ended it). */
    void hangup(String callId);

    /** Put the caller on hold (music) or take them off it. */
    void hold(String callId, boolean on);

    /** Play a prompt to the caller, then release them. */
    void playAndRelease(String callId, String prompt);

    /** Send the caller to voicemail. */
    void voicemail(String callId, String mailbox);

    /** Call the caller back and, when they answer, ring the endpoint (virtual hold, ACD-7). */
    void callBack(String callId, String endpoint);

    /** Play a prompt to the caller and listen for DTMF (IVR, ACD-8); digits come as {@link TelephonyEvents#dtmf}. */
    void playAndCollect(String callId, String prompt);

    /** Play a prompt to a phone that dialled a service code (e.g. "enter your PIN"), or end that call with it. */
    void promptPhone(String endpoint, String prompt, boolean hangUpAfter);

    /**
     * The call now waits in a queue (after the IVR, or at once): the switch plays music on hold of
     * the queue's class ({@code mohClass}, e.g. {@code default}: a class of Asterisk's
     * musiconhold.conf) until an agent is bridged. Nothing to do for a switch that does so by itself.
     */
    default void queued(String callId, String mohClass) {
    }

    /**
     * Tell the waiting caller their place in line and/or the expected wait (ACD-1 announcements),
     * then go back to the music. {@code position} (1 = next) or {@code expectedWaitMinutes} is
     * {@code null} when not to be said. A switch without announcements ignores it.
     */
    default void announce(String callId, Integer position, Integer expectedWaitMinutes) {
    }

    /**
     * The caller chose to be called back (virtual hold, ACD-7): the switch tells them so and
     * releases the line; the call keeps its place and {@link #callBack} follows when it is its turn.
     */
    default void releaseForCallback(String callId) {
    }

    /**
     * Pauses or resumes the recording of a call (SEC-7: a card number is not recorded). A switch
     * that records nothing ignores it.
     */
    default void pauseRecording(String callId, boolean paused) {
    }

    /**
     * A supervisor joins a connected call (ACD-11): the switch rings {@code endpoint} (the
     * supervisor's extension) and, when it answers, joins it to the call in {@code mode}. The
     * same endpoint again changes the mode. A switch that cannot refuses with 409
     * {@code not_supported_by_switch}.
     */
    default void monitor(String callId, String endpoint, MonitorMode mode) {
        throw new io.linia.platform.ConflictException("not_supported_by_switch", "mode",
                "This switch cannot let a supervisor listen, whisper or barge");
    }

    /** The supervisor at {@code endpoint} leaves the call (ACD-11); 409 as {@link #monitor} when unsupported. */
    default void stopMonitor(String callId, String endpoint) {
        throw new io.linia.platform.ConflictException("not_supported_by_switch", "mode",
                "This switch cannot let a supervisor listen, whisper or barge");
    }

    // ------------------------------------------------------------------ agents' own calls (WS-3)

    /**
     * Whether this switch carries out the agent call-control commands below ({@link #dialOut},
     * {@link #placeInternal}, {@link #transferOut}, {@link #connect}). The platform asks before it
     * changes anything, so a switch without them refuses an action cleanly (409
     * {@code not_supported_by_switch}) and the call stays as it was.
     */
    default boolean callControl() {
        return false;
    }

    /**
     * Call an external {@code number} from the agent's {@code endpoint} (an outbound call, or a
     * consultation leg). Reported later: {@link TelephonyEvents#answered} with the number as the
     * endpoint when the far end answers, {@link TelephonyEvents#hungUp} when it ends (side CALLER
     * = the far end; busy or no answer end it before any answer).
     */
    default void dialOut(String callId, String endpoint, String number) {
        throw notSupported("dialling out");
    }

    /**
     * Place a call from the agent's {@code endpoint} that waits in the platform like an inbound
     * call (a consultation with an agent or a queue): {@link #ringAgent} and {@link #bridge}
     * follow for it as for any call.
     */
    default void placeInternal(String callId, String endpoint) {
        throw notSupported("internal calls");
    }

    /** Send the caller to an external {@code number} (blind transfer); the call leaves the platform. */
    default void transferOut(String callId, String number) {
        throw notSupported("transfer to a number");
    }

    /**
     * Attended transfer: join the held caller of {@code callId} with the party the consultation
     * leg {@code consultCallId} is connected to; the agent's side of both drops. Later hang-ups
     * of the joined call are reported under {@code callId}.
     */
    default void connect(String callId, String consultCallId) {
        throw notSupported("attended transfer");
    }

    /** The refusal of a command this switch does not carry out. */
    static io.linia.platform.ConflictException notSupported(String what) {
        return new io.linia.platform.ConflictException("not_supported_by_switch", null,
                "This switch does not support " + what + " (docs/asterisk.md)");
    }
}
