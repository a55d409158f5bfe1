package io.linia.acd.engine;

/** Receives the engine's commands and events in the order they arise, on the engine's thread. */
public interface AcdListener {

    void command(Command command);

    void event(AcdEvent event);
}
