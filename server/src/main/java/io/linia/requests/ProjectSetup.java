package io.linia.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project's constructor (CASE-2), read and written whole. Codes ({@code [a-z][a-z0-9_]*}, up to
 * 32) name things stably: requests store their type and status by code.
 *
 * @param dictionaries  value lists for CHOICE fields
 * @param types         request types with their fields, SLA times and executors
 * @param statuses      exactly one {@code initial}; {@code final} ones close a request (resolved)
 * @param operations    the allowed transitions: an operation moves a request from one of
 *                      {@code from} (empty: any status that is not final) to {@code to}
 * @param groups        executor groups
 * @param notifications who is notified when: event ({@code registered}, {@code status_changed},
 *                      {@code overdue}) → recipients ({@code CUSTOMER}, {@code EXECUTORS},
 *                      {@code MANAGERS})
 * @param customerUsers customer-company users (CASE-7) who see this project's requests and may send claims
 * @param version       of the stored document; a PUT with an older one is 409 {@code stale_version}
 */
public record ProjectSetup(
        List<Dictionary> dictionaries,
        List<RequestType> types,
        List<Status> statuses,
        List<Operation> operations,
        List<ExecutorGroup> groups,
        Map<String, List<String>> notifications,
        List<UUID> customerUsers,
        Integer version) {

    public record Dictionary(String code, String name, List<String> items) {
    }

    /**
     * @param reactionMinutes   SLA: minutes from registration until the request must leave its initial status
     * @param resolutionMinutes SLA: minutes from registration until it must reach a final status
     * @param executors         users who take this type
     * @param groups            executor groups (codes) that take this type
     */
    public record RequestType(String code, String name, Integer reactionMinutes, Integer resolutionMinutes,
                              List<Field> fields, List<UUID> executors, List<String> groups) {
    }

    /** @param type TEXT, NUMBER, DATE, BOOLEAN or CHOICE (from {@code dictionary}) */
    public record Field(String key, String label, String type, Boolean required, Boolean confidential,
                        String dictionary) {
    }

    public record Status(String code, String name, Boolean initial, @JsonProperty("final") Boolean closing) {
    }

    public record Operation(String code, String name, List<String> from, String to) {
    }

    public record ExecutorGroup(String code, String name, List<UUID> users) {
    }
}
