package io.linia.acd;

import java.util.List;
import java.util.UUID;

/**
 * What is known of a call for the operator's screen (KB-2): the number it dialled, the queue it
 * is in (or was last in), the topic its IVR gave it, and the IVR it went through with the
 * choices made there (the path of the {@code ivr_end} event, e.g. {@code ["main", "main:2", "help"]};
 * {@code node:key} entries are the keys pressed in menus).
 *
 * @param ivrId   the IVR answering the dialled number, or {@code null}
 * @param ivrPath empty when the call met no IVR or is still in it
 */
public record CallContext(String callId, String dialled, UUID queueId, String topic, UUID ivrId, List<String> ivrPath) {

    public CallContext {
        ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
    }

    /** The menu choices of the path: its {@code node:key} entries. */
    public List<String> ivrChoices() {
        return ivrPath.stream().filter(p -> p.contains(":")).toList();
    }
}
