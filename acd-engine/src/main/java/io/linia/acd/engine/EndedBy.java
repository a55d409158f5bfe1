package io.linia.acd.engine;

/** Who ended a connected call (ACD-10: complete by caller / agent). */
public enum EndedBy {
    CALLER, AGENT
}
