package io.linia.requests;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A request to register or a change to one. On a change, absent ({@code null}) fields stay,
 * {@code ""} clears a text, {@code fields} entries set a value or with {@code null} remove it;
 * {@code projectId}, {@code type}, {@code channel} and {@code callId} are fixed once registered.
 *
 * @param channel  MANUAL (default on pages), API (default through the API), CALL, EMAIL, CHAT, MESSENGER, WEB
 * @param group    an executor group code of the project's setup
 * @param version  on a change, when given, must be the current one (409 {@code stale_version})
 */
public record RequestDraft(
        UUID projectId,
        String type,
        String subject,
        String description,
        UUID customerId,
        String channel,
        String callId,
        Map<String, Object> fields,
        UUID executorId,
        String group,
        Instant dueAt,
        Integer version) {
}
