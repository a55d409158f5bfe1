package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** CASE-6 analytic report: volumes, minutes to resolve and SLA breaches, checked against hand-worked figures. */
@IntegrationTest
class RequestReportIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Scheduler scheduler;

    @Test
    void volumesTimesToResolveAndBreachesByTypeAndExecutor() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api pmBefore = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String projectId = project(pmBefore, "HOT", pmId);
        configure(pmBefore, projectId, setup(List.of(), List.of(opId)));
        VirtualScheduler clock = (VirtualScheduler) scheduler;

        // t=0: three complaints (reaction 30 min) and a question (no SLA)
        Api.Response first = op.post("/api/v1/requests", complaint(projectId, "Первая", Map.of("amount", 1)));
        String one = first.json().get("id").asString();
        Instant start = Instant.parse(first.json().get("createdAt").asString());
        String two = op.post("/api/v1/requests", complaint(projectId, "Вторая", Map.of("amount", 1))).json().get("id").asString();
        op.post("/api/v1/requests", complaint(projectId, "Третья", Map.of("amount", 1)));
        op.post("/api/v1/requests", new HashMap<>(Map.of("projectId", projectId, "type", "question", "subject", "Вопрос")));
        // t=20: the first is taken and resolved (20 min)
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "finish"));
        // t=40: the others missed their reaction deadline at t=30; the second is resolved now (40 min)
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "finish"));

        // a project manager is an administrator (SEC-4): its session ended while time moved; sign in again
        Api pm = api.as(acme.token(api, "pm"));
        String period = "from=" + start.minusSeconds(1) + "&to=" + start.plus(Duration.ofHours(1));
        Api.Response byType = pm.get("/api/v1/requests/report?" + period + "&by=type");
        assertThat(byType.status()).as(byType.toString()).isEqualTo(200);
        JsonNode complaint = byType.json().get("rows").get(0);
        assertThat(complaint.get("key").asString()).isEqualTo("complaint");
        assertThat(complaint.get("label").asString()).isEqualTo("Жалоба");
        assertThat(complaint.get("registered").asLong()).isEqualTo(3);
        assertThat(complaint.get("resolved").asLong()).isEqualTo(2);
        assertThat(complaint.get("open").asLong()).isEqualTo(1);
        assertThat(complaint.get("avgResolutionMinutes").asDouble()).isEqualTo(30.0);
        assertThat(complaint.get("medianResolutionMinutes").asDouble()).isEqualTo(30.0);
        assertThat(complaint.get("reactionBreaches").asLong()).isEqualTo(2);
        assertThat(complaint.get("resolutionBreaches").asLong()).isZero();
        JsonNode question = byType.json().get("rows").get(1);
        assertThat(question.get("registered").asLong()).isEqualTo(1);
        assertThat(question.get("avgResolutionMinutes").isNull()).isTrue();
        assertThat(byType.json().get("total").get("registered").asLong()).isEqualTo(4);
        assertThat(byType.json().get("total").get("reactionBreaches").asLong()).isEqualTo(2);

        JsonNode byExecutor = pm.get("/api/v1/requests/report?" + period + "&by=executor").json().get("rows");
        assertThat(byExecutor.get(0).get("key").asString()).isEqualTo(opId.toString());
        assertThat(byExecutor.get(0).get("label").asString()).isEqualTo("User op");
        assertThat(byExecutor.get(0).get("registered").asLong()).isEqualTo(3);
        assertThat(pm.get("/api/v1/requests/report?" + period + "&by=channel").json().get("rows").get(0).get("key").asString())
                .isEqualTo("API");

        assertThat(pm.get("/api/v1/requests/report?" + period + "&by=colour").field()).isEqualTo("by");
        assertThat(pm.get("/api/v1/requests/report?to=2026-01-01").field()).isEqualTo("from");
        assertThat(pm.get("/api/v1/requests/report?from=2026-02-01&to=2026-01-01").field()).isEqualTo("to");
        assertThat(op.get("/api/v1/requests/report?" + period).status()).isEqualTo(403);

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        JsonNode theirs = api.as(other.token(api, "pm")).get("/api/v1/requests/report?" + period).json();
        assertThat(theirs.get("rows").size()).isZero();
        assertThat(theirs.get("total").get("registered").asLong()).isZero();
    }
}
