package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** CRM-3: a customer's requests are on its card's timeline, newest first, keyset paged, in their tenant only. */
@IntegrationTest
class RequestTimelineIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    private static String request(Api op, String project, String customer, String subject) {
        Map<String, Object> body = new HashMap<>(complaint(project, subject, Map.of("amount", 1)));
        body.put("customerId", customer);
        return create(op, body);
    }

    @Test
    void theCardsTimelineListsItsRequestsWithNumberSubjectStatusAndLink() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api pm = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String project = project(pm, "TL", pmId);
        configure(pm, project, setup(List.of(), List.of(opId)));
        Api.Response card = op.post("/api/v1/customers", Map.of("kind", "person", "lastName", "Иванов", "firstName", "Иван"));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        String customer = card.json().get("id").asString();
        Api.Response otherCard = op.post("/api/v1/customers", Map.of("kind", "person", "lastName", "Петров"));
        String other = otherCard.json().get("id").asString();

        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(request(op, project, customer, "Обращение " + i));
            if (i <= 2) {
                clock.advance(Duration.ofMinutes(1)); // the last three at one instant: ordered by id
            }
        }
        List<String> sameInstant = new ArrayList<>(created.subList(2, 5));
        sameInstant.sort(Comparator.reverseOrder());
        List<String> expected = new ArrayList<>(sameInstant);
        expected.add(created.get(1));
        expected.add(created.get(0));
        request(op, project, other, "Чужое обращение");
        request(op, project, null, "Без карточки");
        Api.Response taken = op.post("/api/v1/requests/" + expected.get(0) + "/transitions", Map.of("operation", "take"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);

        Api.Response first = op.get("/api/v1/customers/" + customer + "/timeline?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode items = first.json().get("items");
        assertThat(items).hasSize(2);
        JsonNode newest = items.get(0);
        assertThat(newest.get("type").asString()).isEqualTo("request");
        assertThat(newest.get("id").asString()).isEqualTo(expected.get(0));
        int n = created.indexOf(expected.get(0));
        JsonNode view = op.get("/api/v1/requests/" + expected.get(0)).json();
        assertThat(newest.get("details").get("number").asLong()).isEqualTo(view.get("number").asLong());
        assertThat(newest.get("details").get("subject").asString()).isEqualTo("Обращение " + (n + 1));
        assertThat(newest.get("details").get("status").asString()).as("the current status").isEqualTo("in_work");
        assertThat(newest.get("details").get("statusName").asString()).isEqualTo("В работе");
        assertThat(newest.get("details").get("link").asString()).isEqualTo("/requests/" + expected.get(0));

        List<String> seen = new ArrayList<>();
        items.forEach(i -> seen.add(i.get("id").asString()));
        String next = first.json().get("next").asString();
        while (next != null) {
            JsonNode page = op.get("/api/v1/customers/" + customer + "/timeline?limit=2&after=" + next).json();
            page.get("items").forEach(i -> seen.add(i.get("id").asString()));
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(seen).as("every request once, newest first").containsExactlyElementsOf(expected);

        Api.Response page = op.get("/customers/" + customer);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).as("the card page shows the request row with its link and status")
                .contains("data-type=\"request\"").contains("href=\"/requests/" + expected.get(0) + "\"")
                .contains("#" + view.get("number").asLong() + " Обращение " + (n + 1)).contains("В работе");

        TestTenant stranger = tenants.create();
        stranger.user("op", "operator");
        Api strangerOp = api.as(stranger.token(api, "op"));
        assertThat(strangerOp.get("/api/v1/customers/" + customer + "/timeline").status()).isEqualTo(404);
        Api.Response own = strangerOp.post("/api/v1/customers", Map.of("kind", "person", "lastName", "Иванов"));
        assertThat(strangerOp.get("/api/v1/customers/" + own.json().get("id").asString() + "/timeline").json().get("items"))
                .as("another tenant's card shows none of these requests").isEmpty();
    }
}
