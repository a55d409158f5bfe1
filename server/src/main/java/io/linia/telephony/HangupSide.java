package io.linia.telephony;

/** Who ended a call, as the switch saw it. */
public enum HangupSide {
    CALLER, AGENT, SYSTEM
}
