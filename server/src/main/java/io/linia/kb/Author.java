package io.linia.kb;

import java.util.UUID;

/** Who saves a version or uploads a file (KB-4: versions with author and date). */
public record Author(UUID userId, String name) {
}
