package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.requests.internal.RequestSearch;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** CASE-6: full text with Russian and English morphology and one typo, facets, filters, keyset pages. */
@IntegrationTest
class RequestSearchIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Requests requests;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api pm;
    Api op;
    UUID opId;
    String hot;
    String gas;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        opId = acme.user("op", "operator");
        pm = api.as(acme.token(api, "pm"));
        op = api.as(acme.token(api, "op"));
        hot = project(pm, "HOT", pmId);
        gas = project(pm, "GAS", pmId);
        configure(pm, hot, setup(List.of(), List.of(opId)));
        configure(pm, gas, setup(List.of(), List.of()));
        create(op, complaint(hot, "Заявка на ремонт лифта", Map.of("amount", 1)));
        Map<String, Object> second = complaint(hot, "Повторная жалоба", Map.of("amount", 2));
        second.put("description", "Соседи подали две заявки по отоплению");
        create(op, second);
        create(op, complaint(gas, "The printer is broken", Map.of("amount", 3)));
        Map<String, Object> question = new HashMap<>(Map.of("projectId", gas, "type", "question",
                "subject", "Printers need new toner"));
        create(op, question);
        create(op, new HashMap<>(Map.of("projectId", gas, "type", "question", "subject", "Вопрос про тариф")));
    }

    private JsonNode search(String query) {
        Api.Response r = op.get("/api/v1/requests?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    private static List<String> subjects(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("subject").asString()));
        return out;
    }

    @Test
    void wordsAreFoundInAnyFormRussianAndEnglishAndWithOneTypo() {
        List<String> both = List.of("Повторная жалоба", "Заявка на ремонт лифта");
        assertThat(subjects(search(q("заявка")))).containsExactlyElementsOf(both);
        assertThat(subjects(search(q("заявки")))).containsExactlyElementsOf(both);
        assertThat(subjects(search(q("заявок")))).containsExactlyElementsOf(both);
        assertThat(subjects(search(q("Заявками")))).containsExactlyElementsOf(both);
        assertThat(subjects(search(q("зявка")))).as("one typo").containsExactlyElementsOf(both);
        assertThat(subjects(search(q("лифт")))).containsExactly("Заявка на ремонт лифта");
        assertThat(subjects(search(q("отопление")))).as("the description counts").containsExactly("Повторная жалоба");
        assertThat(subjects(search(q("printer")))).containsExactly("Printers need new toner", "The printer is broken");
        assertThat(subjects(search(q("broke")))).containsExactly("The printer is broken");
        assertThat(subjects(search(q("printers toner")))).as("all words must match").containsExactly("Printers need new toner");
        assertThat(subjects(search(q("3")))).as("a request number").containsExactly("The printer is broken");
        assertThat(subjects(search(q("холодильник")))).isEmpty();
        assertThat(search(q("'); drop table requests; --")).get("total").asLong()).isZero();
    }

    @Test
    void facetsCountTheWholeResultAndFiltersNarrowIt() {
        JsonNode all = search("limit=2");
        assertThat(all.get("total").asLong()).isEqualTo(5);
        Map<String, Long> types = counts(all.get("facets").get("type"));
        assertThat(types).containsEntry("complaint", 3L).containsEntry("question", 2L);
        Map<String, Long> projects = counts(all.get("facets").get("project"));
        assertThat(projects).containsEntry(hot, 2L).containsEntry(gas, 3L);
        assertThat(all.get("facets").get("project").get(0).get("label").asString()).isEqualTo("Проект GAS");
        assertThat(counts(all.get("facets").get("status"))).containsEntry("new", 5L);
        assertThat(all.get("facets").get("status").get(0).get("label").asString()).isEqualTo("Новое");
        assertThat(counts(all.get("facets").get("executor"))).containsEntry(opId.toString(), 2L).containsEntry("", 3L);
        assertThat(all.get("facets").get("date").size()).isEqualTo(1);

        String id = search(q("лифт")).get("items").get(0).get("id").asString();
        op.post("/api/v1/requests/" + id + "/transitions", Map.of("operation", "take"));
        JsonNode inWork = search("status=in_work");
        assertThat(subjects(inWork)).containsExactly("Заявка на ремонт лифта");
        assertThat(subjects(search("type=question&project=" + gas))).hasSize(2);
        assertThat(search("executor=" + opId).get("total").asLong()).isEqualTo(2);
        assertThat(counts(search(q("заявка")).get("facets").get("project"))).containsOnlyKeys(hot);
        assertThat(search("from=2000-01-01&to=2000-01-02").get("total").asLong()).isZero();
        assertThat(op.get("/api/v1/requests?from=yesterday").field()).isEqualTo("from");
        assertThat(op.get("/api/v1/requests?limit=0").field()).isEqualTo("limit");
        assertThat(op.get("/api/v1/requests?after=garbage").code()).isEqualTo("bad_cursor");
    }

    @Test
    void overTenThousandMatchesTheTotalSaysSoAndTheFacetsCountTheNewestTenThousand() {
        // 10,005 more requests in HOT, written as the application writes them (the trigger fills the search side);
        // the five oldest are "closed" and a day apart from the rest
        io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql("""
                insert into requests (tenant_id, id, number, project_id, type_code, status_code, subject, channel,
                                      created_by_name, created_at, updated_at)
                select ?, gen_random_uuid(), 1000 + g, ?, 'question', case when g <= 5 then 'closed' else 'new' end,
                       'Заявка номер ' || g, 'API', 'load', timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute'
                                                           + case when g <= 5 then interval '0' else interval '1 day' end,
                       now()
                  from generate_series(1, 10005) g
                """).params(acme.id().value(), UUID.fromString(hot)).update());

        JsonNode all = search(q("заявка") + "&limit=5");
        assertThat(all.get("total").asLong()).isEqualTo(RequestSearch.COUNTED);
        assertThat(all.get("totalExact").asBoolean()).isFalse();
        Map<String, Long> statuses = counts(all.get("facets").get("status"));
        assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RequestSearch.COUNTED);
        assertThat(statuses).doesNotContainKey("closed"); // the five oldest are not among the newest 10,000
        assertThat(all.get("items").get(0).get("subject").asString()).isNotBlank();

        JsonNode closed = search(q("заявка") + "&status=closed");
        assertThat(closed.get("total").asLong()).isEqualTo(5);
        assertThat(closed.get("totalExact").asBoolean()).isTrue();
        assertThat(counts(closed.get("facets").get("status"))).containsExactly(Map.entry("closed", 5L));
        assertThat(closed.get("facets").get("date").get(0).get("value").asString()).isEqualTo("2020-01-01");

        // another tenant sees none of them
        TestTenant other = tenants.create();
        other.user("op2", "operator");
        Api op2 = api.as(other.token(api, "op2"));
        JsonNode none = op2.get("/api/v1/requests?" + q("заявка")).json();
        assertThat(none.get("total").asLong()).isZero();
        assertThat(none.get("totalExact").asBoolean()).isTrue();
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        Set<String> seen = new HashSet<>();
        List<Long> numbers = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = search("limit=2" + (after == null ? "" : "&after=" + after));
            page.get("items").forEach(i -> {
                assertThat(seen.add(i.get("id").asString())).isTrue();
                numbers.add(i.get("number").asLong());
            });
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(numbers).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void theGlobalSearchEntryFindsTheSameRequestsAsTheList() {
        List<String> listed = new ArrayList<>();
        search(q("заявок")).get("items").forEach(i -> listed.add(i.get("id").asString()));
        List<UUID> found = io.linia.platform.tenancy.TenantContext.as(acme.id(), () ->
                requests.find(acme.id(), "заявок", 10, new Actor(opId, "op", false, false)));
        assertThat(found).extracting(UUID::toString).containsExactlyElementsOf(listed);
        assertThat(io.linia.platform.tenancy.TenantContext.as(acme.id(), () ->
                requests.find(acme.id(), "заявок", 10, new Actor(UUID.randomUUID(), "client", true, false))))
                .as("a customer user without access finds nothing").isEmpty();
    }

    private static Map<String, Long> counts(JsonNode facet) {
        Map<String, Long> out = new HashMap<>();
        facet.forEach(f -> out.put(f.get("value").asString(), f.get("count").asLong()));
        return out;
    }
}
