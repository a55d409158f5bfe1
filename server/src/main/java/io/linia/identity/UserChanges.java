package io.linia.identity;

import java.util.List;
import java.util.Map;

/**
 * A partial edit of a user: {@code null} leaves a field as it is. {@code version} is the
 * version the editor saw; a newer stored version means someone else changed the user (409).
 */
public record UserChanges(
        String fullName,
        String email,
        String extension,
        String agentPin,
        String language,
        String timeZone,
        List<String> roles,
        Map<String, Integer> skills,
        Integer version) {
}
