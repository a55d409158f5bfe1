package io.linia.acd.engine;

/** Agent states (ACD-3). An agent has one state whatever queues it serves. */
public enum AgentState {
    OFFLINE, FREE, RINGING, TALKING, HOLD, WRAP_UP, PAUSED
}
