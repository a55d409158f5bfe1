package io.linia.customers;

import java.util.UUID;

/** Who wrote a note: the signed-in user (or {@code null} id for the system, e.g. an import). */
public record Author(UUID userId, String name) {
}
