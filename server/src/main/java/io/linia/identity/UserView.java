package io.linia.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user as the API and pages show it: never a password or PIN hash. */
public record UserView(
        UUID id,
        String login,
        String fullName,
        String email,
        String extension,
        boolean hasAgentPin,
        String language,
        String timeZone,
        String status,
        boolean locked,
        boolean mustChangePassword,
        List<String> roles,
        Map<String, Integer> skills,
        Instant lastLoginAt,
        Instant createdAt,
        Instant deletedAt,
        int version) {
}
