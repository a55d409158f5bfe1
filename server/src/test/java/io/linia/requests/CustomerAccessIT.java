package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CASE-7: a customer-company user follows only its projects' requests and sends claims to their managers. */
@IntegrationTest
class CustomerAccessIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    @Test
    void aCustomerUserSeesOnlyItsProjectsRequestsChangesNoneAndSendsClaims() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        UUID clientId = acme.user("client", "customer");
        Api pm = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        Api client = api.as(acme.token(api, "client"));
        String ours = project(pm, "OURS", pmId);
        String theirs = project(pm, "THEIRS", pmId);
        configure(pm, ours, setup(List.of(clientId), List.of(opId)));
        configure(pm, theirs, setup(List.of(), List.of(opId)));
        String visible = create(op, complaint(ours, "Наша заявка", Map.of("amount", 1)));
        String hidden = create(op, complaint(theirs, "Чужая заявка", Map.of("amount", 1)));

        Api.Response list = client.get("/api/v1/requests");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(visible);
        assertThat(list.json().get("facets").get("project").size()).isEqualTo(1);
        assertThat(client.get("/api/v1/requests?q=заявка").json().get("total").asLong()).isEqualTo(1);
        assertThat(client.get("/api/v1/requests/" + visible).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/requests/" + visible + "/history").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/requests/" + hidden).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/requests/" + hidden + "/history").status()).isEqualTo(404);
        assertThat(client.patch("/api/v1/requests/" + visible, Map.of("subject", "x")).status()).isEqualTo(403);
        assertThat(client.post("/api/v1/requests/" + visible + "/transitions", Map.of("operation", "take")).status())
                .isEqualTo(403);
        assertThat(client.post("/api/v1/requests", complaint(ours, "x", Map.of("amount", 1))).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/requests/" + visible + "?reveal=true").status()).isEqualTo(403);

        Api.Response claim = client.post("/api/v1/claims", Map.of("requestId", visible, "text", "Третий день без ответа!"));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(201);
        assertThat(claim.json().get("projectId").asString()).isEqualTo(ours);
        Api.Response aboutHidden = client.post("/api/v1/claims", Map.of("requestId", hidden, "text", "x"));
        assertThat(aboutHidden.status()).isEqualTo(422);
        assertThat(aboutHidden.field()).isEqualTo("requestId");
        assertThat(client.post("/api/v1/claims", Map.of("projectId", theirs, "text", "x")).field()).isEqualTo("projectId");
        assertThat(client.post("/api/v1/claims", Map.of("projectId", ours, "text", " ")).field()).isEqualTo("text");
        assertThat(op.post("/api/v1/claims", Map.of("projectId", ours, "text", "x")).status()).isEqualTo(403);

        assertThat(pm.get("/api/v1/claims").json().get(0).get("text").asString()).isEqualTo("Третий день без ответа!");
        assertThat(client.get("/api/v1/claims").json().size()).isEqualTo(1);
        assertThat(op.get("/api/v1/claims").status()).isEqualTo(403);

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        assertThat(api.as(other.token(api, "pm")).get("/api/v1/claims").json().size()).as("claims stay in their tenant").isZero();
    }
}
