package io.linia.telephony;

/**
 * How a supervisor joins a call (ACD-11): what the supervisor hears and who hears them.
 * <ul>
 *   <li>{@code LISTEN} — hears both sides; nobody hears the supervisor.</li>
 *   <li>{@code WHISPER} — hears both sides; only the agent hears the supervisor (coaching).</li>
 *   <li>{@code BARGE} — hears both sides and both hear the supervisor (a three-way call).</li>
 * </ul>
 */
public enum MonitorMode {
    LISTEN,
    WHISPER,
    BARGE
}
