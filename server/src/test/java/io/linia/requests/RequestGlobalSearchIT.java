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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** CASE-6, KB-3: requests are a kind of the global search, with the request list's rights (CASE-7). */
@IntegrationTest
class RequestGlobalSearchIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    private static JsonNode search(Api as, String q) {
        Api.Response r = as.get("/api/v1/search?kind=request&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("hits").forEach(h -> out.add(h.get("id").asString()));
        return out;
    }

    @Test
    void requestsAreFoundByWordFormsAndTyposWithinTheirTenantAndProjects() {
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
        Map<String, Object> body = new HashMap<>(complaint(ours, "Отключили электричество", Map.of("amount", 1)));
        body.put("description", "Третий день нет света в подъезде <b>дома</b>");
        String visible = create(op, body);
        String hidden = create(op, complaint(theirs, "Электричество отключили снова", Map.of("amount", 1)));
        create(op, complaint(ours, "Вопрос о тарифе", Map.of("amount", 1)));

        JsonNode found = search(op, "электричества");
        assertThat(found.get("kinds").toString()).contains("request");
        assertThat(ids(found)).containsExactlyInAnyOrder(visible, hidden);
        JsonNode hit = found.get("hits").get(ids(found).indexOf(visible));
        assertThat(hit.get("kind").asString()).isEqualTo("request");
        long number = op.get("/api/v1/requests/" + visible).json().get("number").asLong();
        assertThat(hit.get("title").asString()).isEqualTo("#" + number + " Отключили электричество");
        assertThat(hit.get("snippet").asString()).contains("<mark>электричество</mark>").doesNotContain("<b>");
        assertThat(ids(search(op, "подъездами света"))).as("description, other forms").containsExactly(visible);
        assertThat(ids(search(op, "электричесвто"))).as("a typo").containsExactlyInAnyOrder(visible, hidden);
        assertThat(ids(search(op, "подьезде"))).as("a typo in the description").containsExactly(visible);
        assertThat(ids(search(op, Long.toString(number)))).as("the number").contains(visible);

        assertThat(ids(search(client, "электричество"))).as("a customer user: only its projects").containsExactly(visible);
        assertThat(ids(search(client, "электричесвто"))).containsExactly(visible);

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api stranger = api.as(other.token(api, "op"));
        assertThat(ids(search(stranger, "электричество"))).as("another tenant").isEmpty();
        assertThat(ids(search(stranger, "электричесвто"))).isEmpty();
    }
}
