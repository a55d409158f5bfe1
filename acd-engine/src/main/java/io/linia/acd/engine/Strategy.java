package io.linia.acd.engine;

/** How a queue chooses among free agents (ACD-4). */
public enum Strategy {
    /** The agent free for the longest time (the default). */
    LONGEST_IDLE,
    /** The next free agent after the one offered last, in the order agents joined the queue. */
    ROUND_ROBIN,
    /** The agent with the fewest answered calls in this queue, then the longest idle. */
    FEWEST_CALLS,
    /** Every free agent at once; the first to answer takes the call. */
    RING_ALL,
    /** Any free agent, by the engine's seeded random source (deterministic for a seed). */
    RANDOM,
    /** The best summed level over the queue's required skills, then the longest idle. */
    SKILLS_BASED
}
