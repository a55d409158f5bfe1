package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Requests over the REST API: the constructor (CASE-2), registration by hand and from a call
 * (CASE-1), typed fields, transitions by the project's rules, tasks, SLA escalation on virtual
 * time (CASE-3), history and its partial deletion (CASE-5), tenancy.
 */
@IntegrationTest
class RequestsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler scheduler;

    Api api;
    TestTenant acme;
    Api pm;
    Api op;
    UUID pmId;
    UUID opId;
    String projectId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        pmId = acme.user("pm", "project_manager");
        opId = acme.user("op", "operator");
        signIn();
        projectId = project(pm, "HOT", pmId);
        configure(pm, projectId, setup(List.of(), List.of(opId)));
    }

    private void signIn() {
        pm = api.as(acme.token(api, "pm"));
        op = api.as(acme.token(api, "op"));
    }

    private List<String> audit(String action) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select coalesce(before_state, after_state) from audit_log where tenant_id = ? and action = ? order by id")
                .params(acme.id().value(), action).query(String.class).list());
    }

    @Test
    void theConstructorIsCheckedNamingTheFieldAndVersioned() {
        Api.Response got = op.get("/api/v1/projects/" + projectId + "/setup");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("version").asInt()).isEqualTo(1);
        assertThat(got.json().get("types").get(0).get("fields").get(4).get("confidential").asBoolean()).isTrue();
        assertThat(got.json().get("statuses").get(2).get("final").asBoolean()).isTrue();

        Map<String, Object> bad = setup(List.of(), List.of());
        bad.put("version", 1);
        List<Map<String, Object>> statuses = new ArrayList<>();
        statuses.add(Map.of("code", "new", "initial", true));
        statuses.add(Map.of("code", "also_new", "initial", true));
        bad.put("statuses", statuses);
        Api.Response twoInitials = pm.put("/api/v1/projects/" + projectId + "/setup", bad);
        assertThat(twoInitials.status()).isEqualTo(422);
        assertThat(twoInitials.code()).isEqualTo("one_initial");

        Map<String, Object> badChoice = setup(List.of(), List.of());
        badChoice.put("version", 1);
        badChoice.put("dictionaries", List.of());
        Api.Response noDictionary = pm.put("/api/v1/projects/" + projectId + "/setup", badChoice);
        assertThat(noDictionary.status()).isEqualTo(422);
        assertThat(noDictionary.field()).isEqualTo("types[0].fields[1].dictionary");

        Map<String, Object> badOp = setup(List.of(), List.of());
        badOp.put("version", 1);
        badOp.put("operations", List.of(Map.of("code", "x", "to", "nowhere")));
        assertThat(pm.put("/api/v1/projects/" + projectId + "/setup", badOp).field()).isEqualTo("operations[0].to");

        Map<String, Object> unknownUser = setup(List.of(UUID.randomUUID()), List.of());
        unknownUser.put("version", 1);
        Api.Response user = pm.put("/api/v1/projects/" + projectId + "/setup", unknownUser);
        assertThat(user.code()).isEqualTo("unknown_user");
        assertThat(user.field()).isEqualTo("customerUsers[0]");

        Map<String, Object> stale = setup(List.of(), List.of());
        stale.put("version", 0);
        assertThat(pm.put("/api/v1/projects/" + projectId + "/setup", stale).code()).isEqualTo("stale_version");
        assertThat(op.put("/api/v1/projects/" + projectId + "/setup", stale).status()).isEqualTo(403);

        // a field keeps its type; a type in use cannot be removed
        create(op, complaint(projectId, "Протечка", Map.of("amount", 10)));
        Map<String, Object> retyped = setup(List.of(), List.of());
        retyped.put("version", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> types = new ArrayList<>((List<Map<String, Object>>) retyped.get("types"));
        Map<String, Object> complaintType = new HashMap<>(types.get(0));
        complaintType.put("fields", List.of(Map.of("key", "amount", "type", "TEXT")));
        types.set(0, complaintType);
        retyped.put("types", types);
        Api.Response immutable = pm.put("/api/v1/projects/" + projectId + "/setup", retyped);
        assertThat(immutable.code()).isEqualTo("immutable");
        assertThat(immutable.field()).isEqualTo("types[0].fields[0].type");
        types.remove(0);
        Api.Response inUse = pm.put("/api/v1/projects/" + projectId + "/setup", retyped);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("in_use");
        assertThat(pm.get("/api/v1/projects/" + projectId + "/setup").json().get("version").asInt())
                .as("nothing half-saved").isEqualTo(1);
        assertThat(audit("request_setup.update")).hasSize(1);
    }

    @Test
    void aRequestIsRegisteredWithTypedFieldsRoutedAndNumberedPerTenant() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("amount", 1500.50);
        fields.put("district", "Центр");
        fields.put("visit", "2026-12-01");
        fields.put("urgent", true);
        fields.put("passport", "4510 123456");
        Map<String, Object> body = complaint(projectId, "  Протечка   крыши ", fields);
        body.put("description", "Течёт с потолка\r\nво второй комнате");
        Api.Response created = op.post("/api/v1/requests", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode r = created.json();
        String id = r.get("id").asString();
        assertThat(r.get("number").asLong()).isEqualTo(1);
        assertThat(r.get("subject").asString()).isEqualTo("Протечка крыши");
        assertThat(r.get("status").asString()).isEqualTo("new");
        assertThat(r.get("statusName").asString()).isEqualTo("Новое");
        assertThat(r.get("channel").asString()).isEqualTo("API");
        assertThat(r.get("executorId").asString()).as("routed to the type's executor").isEqualTo(opId.toString());
        assertThat(r.get("fields").get("amount").asString()).isEqualTo("1500.5");
        assertThat(r.get("fields").get("urgent").asBoolean()).isTrue();
        assertThat(r.get("fields").has("passport")).isFalse();
        assertThat(r.get("hiddenFields").get(0).asString()).isEqualTo("passport");
        assertThat(r.get("sla").get("reactionDueAt").isNull()).isFalse();
        assertThat(create(op, complaint(projectId, "Вторая", Map.of("amount", 1)))).isNotEqualTo(id);
        assertThat(op.get("/api/v1/requests?limit=10").json().get("items").get(0).get("number").asLong()).isEqualTo(2);

        String stored = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select encode(secret, 'hex') from request_field_values where tenant_id = ? and request_id = ?::uuid and key = 'passport'")
                .params(acme.id().value(), id).query(String.class).single());
        assertThat(stored).as("stored encrypted").doesNotContain("3435313020313233343536");
        Api.Response revealed = op.get("/api/v1/requests/" + id + "?reveal=true");
        assertThat(revealed.json().get("fields").get("passport").asString()).isEqualTo("4510 123456");
        assertThat(audit("request.confidential_read")).hasSize(1);

        // bad input: named field, nothing saved
        assertThat(op.post("/api/v1/requests", complaint(projectId, "x", Map.of("amount", "42"))).code()).isEqualTo("wrong_type");
        Api.Response unknownField = op.post("/api/v1/requests", complaint(projectId, "x", Map.of("amount", 1, "colour", "red")));
        assertThat(unknownField.field()).isEqualTo("fields.colour");
        Api.Response required = op.post("/api/v1/requests", complaint(projectId, "x", Map.of("urgent", false)));
        assertThat(required.code()).isEqualTo("required");
        assertThat(required.field()).isEqualTo("fields.amount");
        assertThat(op.post("/api/v1/requests", complaint(projectId, "x", Map.of("amount", 1, "district", "Юг"))).code())
                .isEqualTo("unknown_choice");
        assertThat(op.post("/api/v1/requests", complaint(projectId, "x", Map.of("amount", 1, "visit", "01.12.2026"))).field())
                .isEqualTo("fields.visit");
        assertThat(op.post("/api/v1/requests", complaint(projectId, " ", Map.of("amount", 1))).field()).isEqualTo("subject");
        Map<String, Object> unknownType = complaint(projectId, "x", Map.of());
        unknownType.put("type", "wish");
        assertThat(op.post("/api/v1/requests", unknownType).field()).isEqualTo("type");
        Map<String, Object> badExecutor = complaint(projectId, "x", Map.of("amount", 1));
        badExecutor.put("executorId", pmId);
        assertThat(op.post("/api/v1/requests", badExecutor).code()).isEqualTo("not_an_executor");
        Map<String, Object> badCustomer = complaint(projectId, "x", Map.of("amount", 1));
        badCustomer.put("customerId", UUID.randomUUID());
        assertThat(op.post("/api/v1/requests", badCustomer).field()).isEqualTo("customerId");
        assertThat(op.post("/api/v1/requests", "{\"projectId\":\"" + projectId + "\",\"subject\":\"x\",\"colour\":1}").code())
                .isEqualTo("unknown_field");
        assertThat(op.get("/api/v1/requests").json().get("total").asLong()).as("nothing half-saved").isEqualTo(2);
    }

    @Test
    void statusesMoveOnlyByTheProjectsOperationsAndEveryChangeIsInTheHistory() {
        Map<String, Object> fields = new HashMap<>(Map.of("amount", 100, "passport", "4510 000001"));
        String id = create(op, complaint(projectId, "Нет воды", fields));

        Api.Response skip = op.post("/api/v1/requests/" + id + "/transitions", Map.of("status", "done"));
        assertThat(skip.status()).isEqualTo(422);
        assertThat(skip.code()).isEqualTo("transition_not_allowed");
        assertThat(skip.field()).isEqualTo("status");
        assertThat(op.post("/api/v1/requests/" + id + "/transitions", Map.of("operation", "close")).field())
                .isEqualTo("operation");
        assertThat(op.post("/api/v1/requests/" + id + "/transitions", Map.of("status", "lost")).code())
                .isEqualTo("unknown_status");

        Api.Response taken = op.post("/api/v1/requests/" + id + "/transitions",
                Map.of("operation", "take", "comment", "Выезжаем", "version", 0));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(taken.json().get("status").asString()).isEqualTo("in_work");
        assertThat(taken.json().get("sla").get("reactedAt").isNull()).isFalse();
        Api.Response stale = op.post("/api/v1/requests/" + id + "/transitions", Map.of("status", "done", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        Api.Response changed = op.patch("/api/v1/requests/" + id, Map.of("subject", "Нет горячей воды",
                "fields", Map.of("amount", 250, "passport", "4510 000002"), "version", 1));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(op.patch("/api/v1/requests/" + id, Map.of("subject", "x", "version", 1)).code()).isEqualTo("stale_version");
        assertThat(op.patch("/api/v1/requests/" + id, Map.of("type", "question")).code()).isEqualTo("immutable");

        Api.Response task = op.post("/api/v1/requests/" + id + "/tasks", Map.of("title", "Позвонить в ЖЭК",
                "assigneeId", opId.toString(), "dueAt", "2030-01-01T10:00:00Z"));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);
        String taskId = task.json().get("tasks").get(0).get("id").asString();
        Api.Response done = op.patch("/api/v1/requests/" + id + "/tasks/" + taskId, Map.of("done", true));
        assertThat(done.json().get("tasks").get(0).get("doneAt").isNull()).isFalse();

        Api.Response finished = op.post("/api/v1/requests/" + id + "/transitions", Map.of("status", "done"));
        assertThat(finished.json().get("closed").asBoolean()).isTrue();
        assertThat(finished.json().get("sla").get("resolvedAt").isNull()).isFalse();

        JsonNode history = op.get("/api/v1/requests/" + id + "/history").json();
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asString()));
        assertThat(actions).containsExactly("created", "status:take", "updated", "task_added", "task_updated", "status:finish");
        JsonNode take = history.get(1);
        assertThat(take.get("actorName").asString()).isEqualTo("User op");
        assertThat(take.get("actorId").asString()).isEqualTo(opId.toString());
        assertThat(take.get("comment").asString()).isEqualTo("Выезжаем");
        assertThat(take.get("changes").get(0).get("before").asString()).isEqualTo("new");
        assertThat(take.get("changes").get(0).get("after").asString()).isEqualTo("in_work");
        JsonNode update = history.get(2);
        Map<String, String[]> byField = new HashMap<>();
        update.get("changes").forEach(c -> byField.put(c.get("field").asString(),
                new String[] {c.get("before").isNull() ? null : c.get("before").asString(), c.get("after").asString()}));
        assertThat(byField.get("subject")).containsExactly("Нет воды", "Нет горячей воды");
        assertThat(byField.get("fields.amount")).containsExactly("100", "250");
        assertThat(byField.get("fields.passport")).as("confidential values never in the history").containsExactly("***", "***");
        assertThat(history.toString()).doesNotContain("4510");

        // a project manager deletes part of the history; it is audited; others may not
        long updateEntry = update.get("id").asLong();
        assertThat(op.post("/api/v1/requests/" + id + "/history/delete", Map.of("entries", List.of(updateEntry))).status())
                .isEqualTo(403);
        Api.Response unknown = pm.post("/api/v1/requests/" + id + "/history/delete", Map.of("entries", List.of(updateEntry, 1L)));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.field()).isEqualTo("entries[1]");
        assertThat(pm.post("/api/v1/requests/" + id + "/history/delete", Map.of("entries", List.of(updateEntry))).status())
                .isEqualTo(204);
        assertThat(op.get("/api/v1/requests/" + id + "/history").json().size()).isEqualTo(5);
        assertThat(audit("request.history_delete")).singleElement().asString().contains("Нет горячей воды");
    }

    @Test
    void slaDeadlinesEscalateOnTheVirtualClock() {
        String late = create(op, complaint(projectId, "Опоздает", Map.of("amount", 1)));
        String onTime = create(op, complaint(projectId, "Успеет", Map.of("amount", 1)));
        VirtualScheduler clock = (VirtualScheduler) scheduler;

        clock.advance(Duration.ofMinutes(20));
        assertThat(op.post("/api/v1/requests/" + onTime + "/transitions", Map.of("operation", "take")).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(11));
        JsonNode lateNow = op.get("/api/v1/requests/" + late).json();
        assertThat(lateNow.get("sla").get("reactionOverdueAt").isNull()).as("30 min without reaction").isFalse();
        assertThat(lateNow.get("sla").get("resolutionOverdueAt").isNull()).isTrue();
        assertThat(op.get("/api/v1/requests/" + onTime).json().get("sla").get("reactionOverdueAt").isNull())
                .as("taken in time").isTrue();
        JsonNode history = op.get("/api/v1/requests/" + late + "/history").json();
        assertThat(history.get(history.size() - 1).get("action").asString()).isEqualTo("overdue");
        assertThat(history.get(history.size() - 1).get("changes").get(0).get("field").asString()).isEqualTo("sla.reaction");

        clock.advance(Duration.ofMinutes(90));
        signIn();
        assertThat(op.get("/api/v1/requests/" + late).json().get("sla").get("resolutionOverdueAt").isNull()).isFalse();
        assertThat(op.get("/api/v1/requests/" + onTime).json().get("sla").get("resolutionOverdueAt").isNull()).isFalse();
        // each deadline escalates once
        clock.advance(Duration.ofMinutes(60));
        signIn();
        long overdue = 0;
        for (JsonNode h : op.get("/api/v1/requests/" + late + "/history").json()) {
            overdue += h.get("action").asString().equals("overdue") ? 1 : 0;
        }
        assertThat(overdue).isEqualTo(2);
    }

    @Test
    void aRequestIsRegisteredFromACallAndLinkedToTheCallersCard() {
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная")).status()).isEqualTo(201);
        Map<String, Object> card = new HashMap<>();
        card.put("kind", "PERSON");
        card.put("lastName", "Звонков");
        card.put("phones", List.of(Map.of("number", "+7 495 123-45-67")));
        String customerId = op.post("/api/v1/customers", card).json().get("id").asString();
        Api.Response call = admin.post("/api/v1/sim/calls", Map.of("caller", "84951234567", "dialled", "100"));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        String callId = call.json().get("callId").asString();
        admin.post("/api/v1/sim/calls/" + callId + "/hangup", null);

        Api.Response r = op.post("/api/v1/requests/from-call", Map.of("callId", callId, "projectId", projectId,
                "type", "question"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("channel").asString()).isEqualTo("CALL");
        assertThat(r.json().get("callId").asString()).isEqualTo(callId);
        assertThat(r.json().get("customerId").asString()).isEqualTo(customerId);
        assertThat(r.json().get("customerName").asString()).isEqualTo("Звонков");
        assertThat(r.json().get("subject").asString()).contains("84951234567");

        Api.Response unknown = op.post("/api/v1/requests/from-call", Map.of("callId", "nope", "projectId", projectId));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("unknown_call");
    }

    @Test
    void anotherTenantGetsNotFoundForEveryRequestResource() {
        String id = create(op, complaint(projectId, "Секрет", Map.of("amount", 1)));
        String taskId = op.post("/api/v1/requests/" + id + "/tasks", Map.of("title", "t")).json().get("tasks").get(0)
                .get("id").asString();
        long entry = op.get("/api/v1/requests/" + id + "/history").json().get(0).get("id").asLong();

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        other.user("op", "operator");
        Api otherPm = api.as(other.token(api, "pm"));
        Api otherOp = api.as(other.token(api, "op"));
        assertThat(otherOp.get("/api/v1/requests/" + id).status()).isEqualTo(404);
        assertThat(otherOp.patch("/api/v1/requests/" + id, Map.of("subject", "x")).status()).isEqualTo(404);
        assertThat(otherOp.post("/api/v1/requests/" + id + "/transitions", Map.of("operation", "take")).status()).isEqualTo(404);
        assertThat(otherOp.get("/api/v1/requests/" + id + "/history").status()).isEqualTo(404);
        assertThat(otherOp.post("/api/v1/requests/" + id + "/tasks", Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(otherOp.patch("/api/v1/requests/" + id + "/tasks/" + taskId, Map.of("done", true)).status()).isEqualTo(404);
        assertThat(otherPm.post("/api/v1/requests/" + id + "/history/delete", Map.of("entries", List.of(entry))).status())
                .isEqualTo(404);
        assertThat(otherPm.get("/api/v1/projects/" + projectId + "/setup").status()).isEqualTo(404);
        assertThat(otherPm.put("/api/v1/projects/" + projectId + "/setup", setup(List.of(), List.of())).status()).isEqualTo(404);
        assertThat(otherOp.post("/api/v1/requests", complaint(projectId, "x", Map.of("amount", 1))).code())
                .isEqualTo("unknown_project");
        assertThat(pm.put("/api/v1/requests/templates/registered/en", Map.of("subject", "Ours #{number}", "body", "b"))
                .status()).isEqualTo(200);
        assertThat(otherPm.get("/api/v1/requests/templates/registered/en").json().get("custom").asBoolean())
                .as("templates stay in their tenant").isFalse();
        JsonNode search = otherOp.get("/api/v1/requests?q=Секрет").json();
        assertThat(search.get("total").asLong()).isZero();
        assertThat(search.get("facets").get("status").size()).isZero();
        assertThat(op.get("/api/v1/requests/" + id + "/history").json().size()).isEqualTo(2);
    }
}
