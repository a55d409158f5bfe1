package io.linia.identity;

import java.util.List;
import java.util.Map;

/**
 * What it takes to create a user (ID-3).
 *
 * @param password            first password, or {@code null} to generate a one-time one
 * @param mustChangePassword  force a change at first sign-in
 * @param roles               role codes
 * @param skills              skill name → level 1..10
 */
public record NewUser(
        String login,
        String fullName,
        String email,
        String extension,
        String agentPin,
        String language,
        String timeZone,
        String password,
        boolean mustChangePassword,
        List<String> roles,
        Map<String, Integer> skills) {
}
