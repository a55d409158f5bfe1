package io.linia.acd.engine;

/**
 * Agent states (ACD-3). An agent has one state whatever queues it serves. {@code DIALING}: the
 * agent's own call (outbound, WS-3) rings out; {@code CONSULTING}: the caller is held while the
 * agent consults another party (attended transfer). Neither is offered queue calls.
 */
public enum AgentState {
    OFFLINE, FREE, RINGING, TALKING, HOLD, WRAP_UP, PAUSED, DIALING, CONSULTING
}
