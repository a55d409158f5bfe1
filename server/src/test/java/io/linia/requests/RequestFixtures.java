package io.linia.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A coherent project setup for the request tests: built through the real API. */
public final class RequestFixtures {

    private RequestFixtures() {
    }

    public static String project(Api pm, String code, UUID... managers) {
        Api.Response r = pm.post("/api/v1/projects", Map.of("code", code, "name", "Проект " + code,
                "managers", List.of((Object[]) managers)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /**
     * Types "complaint" (reaction 30 min, resolution 120 min; fields amount NUMBER required,
     * district CHOICE, visit DATE, urgent BOOLEAN, passport TEXT confidential) and "question";
     * statuses new → in_work → done (final), closed (final); operations take, finish, close, reopen.
     */
    public static Map<String, Object> setup(List<UUID> customerUsers, List<UUID> executors) {
        Map<String, Object> s = new HashMap<>();
        s.put("dictionaries", List.of(Map.of("code", "districts", "name", "Районы", "items", List.of("Центр", "Север"))));
        s.put("types", List.of(
                Map.of("code", "complaint", "name", "Жалоба", "reactionMinutes", 30, "resolutionMinutes", 120,
                        "executors", executors,
                        "fields", List.of(
                                Map.of("key", "amount", "label", "Сумма", "type", "NUMBER", "required", true),
                                Map.of("key", "district", "label", "Район", "type", "CHOICE", "dictionary", "districts"),
                                Map.of("key", "visit", "label", "Дата визита", "type", "DATE"),
                                Map.of("key", "urgent", "label", "Срочно", "type", "BOOLEAN"),
                                Map.of("key", "passport", "label", "Паспорт", "type", "TEXT", "confidential", true))),
                Map.of("code", "question", "name", "Вопрос")));
        s.put("statuses", List.of(
                Map.of("code", "new", "name", "Новое", "initial", true),
                Map.of("code", "in_work", "name", "В работе"),
                Map.of("code", "done", "name", "Решено", "final", true),
                Map.of("code", "closed", "name", "Закрыто", "final", true)));
        s.put("operations", List.of(
                Map.of("code", "take", "name", "Взять в работу", "from", List.of("new"), "to", "in_work"),
                Map.of("code", "finish", "name", "Решить", "from", List.of("in_work"), "to", "done"),
                Map.of("code", "close", "name", "Закрыть", "from", List.of("done"), "to", "closed"),
                Map.of("code", "reopen", "name", "Открыть снова", "from", List.of("done", "closed"), "to", "in_work")));
        s.put("customerUsers", customerUsers);
        s.put("notifications", Map.of("registered", List.of("CUSTOMER", "EXECUTORS"), "status_changed", List.of("CUSTOMER"),
                "overdue", List.of("MANAGERS")));
        return s;
    }

    public static Api.Response configure(Api pm, String projectId, Map<String, Object> setup) {
        Api.Response r = pm.put("/api/v1/projects/" + projectId + "/setup", setup);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    public static Map<String, Object> complaint(String projectId, String subject, Map<String, Object> fields) {
        Map<String, Object> r = new HashMap<>();
        r.put("projectId", projectId);
        r.put("type", "complaint");
        r.put("subject", subject);
        r.put("fields", fields);
        return r;
    }

    public static String create(Api as, Map<String, Object> body) {
        Api.Response r = as.post("/api/v1/requests", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }
}
