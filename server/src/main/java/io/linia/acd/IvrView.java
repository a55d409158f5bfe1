package io.linia.acd;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A stored IVR flow: entered by calls to {@code number}; nodes as docs/acd.md describes. */
public record IvrView(UUID id, String number, String name, String entry, JsonNode nodes, Instant createdAt,
                      Instant updatedAt, int version) {
}
