package io.linia.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Full-text search (KB-3): Russian and English morphology, one typo forgiven, highlighted hits,
 * rights per knowledge-base topic, customers found through the side table kept by triggers, and
 * tenant isolation of every hit.
 */
@IntegrationTest
class SearchIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api editor;
    Api op;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
        editor = api.as(acme.token(api, "admin"));
        op = api.as(acme.token(api, "op"));
    }

    private String topic(Api as, String name, String... roles) {
        Api.Response r = as.post("/api/v1/kb/topics", Map.of("name", name, "readerRoles", List.of(roles)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String published(Api as, String topic, String title, String markdown) {
        Api.Response r = as.post("/api/v1/kb/articles", Map.of("topicId", topic, "title", title, "markdown", markdown));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asString();
        assertThat(as.post("/api/v1/kb/articles/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private JsonNode search(Api as, String q) {
        Api.Response r = as.get("/api/v1/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("hits");
    }

    private static List<String> titles(JsonNode hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.get("title").asString()));
        return out;
    }

    @Test
    void russianWordsAreFoundInEveryFormAndWithATypo() {
        String t = topic(editor, "Процедуры");
        published(editor, t, "Как принять заявка от абонента", "Заявка регистрируется в карточке клиента за две минуты.");
        published(editor, t, "Отпуска", "Совсем о другом.");
        for (String q : List.of("заявка", "заявки", "заявок", "заявку", "Заявкам", "зявка")) {
            assertThat(titles(search(op, q))).as(q).containsExactly("Как принять заявка от абонента");
        }
        assertThat(titles(search(op, "регистрируются"))).containsExactly("Как принять заявка от абонента");
        assertThat(titles(search(op, "зявка клиента"))).containsExactly("Как принять заявка от абонента");
        assertThat(titles(search(op, "заявка отпуск"))).as("every word must match").isEmpty();
        assertThat(titles(search(op, "пылесос"))).isEmpty();
    }

    @Test
    void englishWordsAreFoundByTheirStemsAndWithATypo() {
        String t = topic(editor, "Billing");
        published(editor, t, "Billing questions", "How the invoices are billed and when customers are charged.");
        for (String q : List.of("billing", "billed", "bills", "bill", "invoice", "charges", "biling", "invoics")) {
            assertThat(titles(search(op, q))).as(q).containsExactly("Billing questions");
        }
    }

    @Test
    void hitsAreHighlightedAndTheArticleTextIsEscaped() {
        String t = topic(editor, "T");
        published(editor, t, "Шаблон", "Пишите <b>жирно</b> & не бойтесь: заявка <script>x()</script> примется.");
        JsonNode hit = search(op, "заявки").get(0);
        assertThat(hit.get("kind").asString()).isEqualTo("article");
        String snippet = hit.get("snippet").asString();
        assertThat(snippet).contains("<mark>заявка</mark>");
        // only the marks are markup: the sanitized article text keeps its words, escaped
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<").doesNotContain(">");
        assertThat(snippet).contains("&amp;");
    }

    @Test
    void readersFindOnlyArticlesOfTopicsTheyMayReadAndNeverDrafts() {
        String open = topic(editor, "Для всех");
        String staff = topic(editor, "Регламенты персонала", "hr");
        published(editor, open, "Открытая инструкция", "Порядок возврата товара");
        published(editor, staff, "Закрытый регламент", "Порядок возврата премии");
        Api.Response draft = editor.post("/api/v1/kb/articles", Map.of("topicId", open, "title", "Черновик",
                "markdown", "Порядок возврата черновика"));
        assertThat(draft.status()).isEqualTo(201);

        assertThat(titles(search(op, "возврат"))).containsExactly("Открытая инструкция");
        assertThat(titles(search(editor, "возврат"))).as("editors read every topic")
                .containsExactlyInAnyOrder("Открытая инструкция", "Закрытый регламент");
        acme.user("people", "hr");
        Api hr = api.as(acme.token(api, "people"));
        assertThat(titles(search(hr, "возврат"))).containsExactlyInAnyOrder("Открытая инструкция", "Закрытый регламент");
    }

    @Test
    void customersAreFoundByNameNotesAndPhonesThroughTheTriggerKeptDocuments() {
        Api.Response c = op.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Смирнова", "firstName", "Анна",
                "city", "Казань", "phones", List.of(Map.of("number", "8 (843) 200-10-20")),
                "notes", List.of("Оставила заявку на подключение интернета")));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String id = c.json().get("id").asString();

        JsonNode hits = op.get("/api/v1/search?q=" + enc("заявок интернет") + "&kind=customer").json().get("hits");
        assertThat(titles(hits)).containsExactly("Смирнова Анна");
        assertThat(hits.get(0).get("kind").asString()).isEqualTo("customer");
        assertThat(hits.get(0).get("id").asString()).isEqualTo(id);
        assertThat(hits.get(0).get("snippet").asString()).contains("<mark>заявку</mark>");
        assertThat(titles(search(op, "смирновой"))).containsExactly("Смирнова Анна");
        assertThat(titles(search(op, "78432001020"))).containsExactly("Смирнова Анна");

        // a change and a note reach the index through the triggers
        op.patch("/api/v1/customers/" + id, Map.of("city", "Самара"));
        assertThat(titles(search(op, "Самара"))).containsExactly("Смирнова Анна");
        assertThat(titles(search(op, "Казань"))).isEmpty();
        op.post("/api/v1/customers/" + id + "/notes", Map.of("text", "Просит перезвонить про роутер"));
        assertThat(titles(search(op, "роутера"))).containsExactly("Смирнова Анна");
        op.delete("/api/v1/customers/" + id);
        assertThat(titles(search(op, "Смирнова"))).isEmpty();
    }

    @Test
    void customersAreSearchedOnlyWithTheRightToSeeThem() {
        op.post("/api/v1/customers", Map.of("kind", "ORGANIZATION", "name", "Ромашка Телеком"));
        acme.user("people", "hr");
        Api hr = api.as(acme.token(api, "people"));
        JsonNode r = hr.get("/api/v1/search?q=" + enc("Ромашка")).json();
        assertThat(r.get("hits").size()).isZero();
        assertThat(r.get("kinds").toString()).doesNotContain("customer");
        assertThat(titles(search(op, "ромашки"))).containsExactly("Ромашка Телеком");
    }

    @Test
    void anotherTenantFindsNothingOfOursAndOurWordsDoNotCorrectItsQueries() {
        String t = topic(editor, "Тарифы");
        published(editor, t, "Тариф Безлимитный", "Безлимитный тариф для абонентов");
        op.post("/api/v1/customers", Map.of("kind", "ORGANIZATION", "name", "Безлимитный Холдинг"));

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api stranger = api.as(other.token(api, "admin"));
        Api strangerOp = api.as(other.token(api, "op"));
        assertThat(search(stranger, "безлимитный").size()).isZero();
        assertThat(search(strangerOp, "безлимитный").size()).isZero();
        assertThat(search(strangerOp, "безлимитны").size()).isZero();
        assertThat(titles(search(op, "безлимитный"))).containsExactlyInAnyOrder("Тариф Безлимитный", "Безлимитный Холдинг");
    }

    @Test
    void badQueriesAreClearErrors() {
        Api.Response none = op.get("/api/v1/search");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.field()).isEqualTo("q");
        assertThat(op.get("/api/v1/search?q=" + enc("!!!")).code()).isEqualTo("required");
        assertThat(op.get("/api/v1/search?q=" + "a".repeat(201)).code()).isEqualTo("too_long");
        Api.Response kind = op.get("/api/v1/search?q=x&kind=planets");
        assertThat(kind.code()).isEqualTo("unknown_kind");
        assertThat(kind.field()).isEqualTo("kind");
        assertThat(op.get("/api/v1/search?q=x&limit=0").field()).isEqualTo("limit");
        assertThat(op.get("/api/v1/search?q=" + enc("a & | ! : * ( ) ' \"")).status()).isEqualTo(200);
        // the words are written into the SQL as constants (SearchQuery.tsquery): nothing else gets there
        assertThat(op.get("/api/v1/search?q=" + enc("x'); drop table customers; -- 50% \\ %1$s")).status()).isEqualTo(200);
        assertThat(op.get("/api/v1/requests?q=" + enc("x'); drop table requests; -- 50% \\")).status()).isEqualTo(200);
        assertThat(new Api(port).get("/api/v1/search?q=x").status()).isEqualTo(401);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
