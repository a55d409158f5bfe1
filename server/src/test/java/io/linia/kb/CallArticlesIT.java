package io.linia.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Articles tied to queues, dialled numbers, request types, IVR choices and IVR topics (KB-1), and
 * the articles of a call for the workstation (KB-2): by a real call through the IVR of the
 * simulated switch, and by explicit attributes.
 */
@IntegrationTest
class CallArticlesIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    Api api;
    TestTenant acme;
    Api admin;
    Api op;
    String sales;
    String support;
    String ivr;
    String topic;
    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
        admin = api.as(acme.token(api, "admin"));
        op = api.as(acme.token(api, "op"));
        sales = admin.post("/api/v1/queues", Map.of("number", "101", "name", "Sales")).json().get("id").asString();
        support = admin.post("/api/v1/queues", Map.of("number", "102", "name", "Support")).json().get("id").asString();
        List<Map<String, Object>> nodes = List.of(
                Map.of("id", "main", "type", "menu", "prompt", "welcome", "options", Map.of("1", "buy", "2", "help"),
                        "timeoutSeconds", 5, "retries", 1, "onFailure", "help"),
                Map.of("id", "buy", "type", "queue", "queueId", sales, "topic", "purchase"),
                Map.of("id", "help", "type", "queue", "queueId", support, "topic", "help"));
        Map<String, Object> flow = new HashMap<>();
        flow.put("number", "8800");
        flow.put("name", "Main menu");
        flow.put("entry", "main");
        flow.put("nodes", nodes);
        Api.Response created = admin.post("/api/v1/ivr", flow);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        ivr = created.json().get("id").asString();
        topic = admin.post("/api/v1/kb/topics", Map.of("name", "Звонки")).json().get("id").asString();
        projectWithTypes(api, acme, "pm", "HOTLINE", "complaint", "refund");
    }

    /** A project of the requests module whose setup has these request types (KB-1 ties are checked against them). */
    static String projectWithTypes(Api api, TestTenant tenant, String pmLogin, String code, String... types) {
        UUID me = tenant.user(pmLogin, "project_manager");
        Api admin = api.as(tenant.token(api, pmLogin));
        Api.Response p = admin.post("/api/v1/projects", Map.of("code", code, "name", code, "managers", List.of(me)));
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        String id = p.json().get("id").asString();
        if (types.length == 0) {
            return id; // no setup of its own: the default one
        }
        List<Map<String, Object>> typeList = new ArrayList<>();
        for (String t : types) {
            typeList.add(Map.of("code", t, "name", t));
        }
        Api.Response setup = admin.put("/api/v1/projects/" + id + "/setup", Map.of("types", typeList,
                "statuses", List.of(Map.of("code", "new", "name", "New", "initial", true),
                        Map.of("code", "done", "name", "Done", "final", true)),
                "operations", List.of(Map.of("code", "finish", "name", "Finish", "from", List.of("new"), "to", "done"))));
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        return id;
    }

    @AfterEach
    void hangUp() {
        calls.forEach(c -> admin.post("/api/v1/sim/calls/" + c + "/hangup", null));
    }

    private String article(String title, Map<String, Object> ties) {
        String id = admin.post("/api/v1/kb/articles", Map.of("topicId", topic, "title", title, "markdown", title))
                .json().get("id").asString();
        admin.post("/api/v1/kb/articles/" + id + "/publish", null);
        Api.Response r = admin.put("/api/v1/kb/articles/" + id + "/ties", ties);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    private static List<String> titles(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().forEach(a -> out.add(a.get("title").asString()));
        return out;
    }

    @Test
    void aCallThroughTheIvrBringsTheArticlesOfItsQueueTopicChoiceAndNumber() {
        article("Как продать тариф", Map.of("queues", List.of(sales)));
        article("Покупка: скрипт", Map.of("topics", List.of("purchase"), "ivrChoices",
                List.of(Map.of("ivrId", ivr, "menu", "main", "key", "1"))));
        article("Горячая линия 8800", Map.of("numbers", List.of("8-800")));
        article("Техподдержка", Map.of("queues", List.of(support), "ivrChoices",
                List.of(Map.of("ivrId", ivr, "menu", "main", "key", "2"))));
        article("Жалоба", Map.of("requestTypes", List.of("Complaint")));
        String draft = admin.post("/api/v1/kb/articles", Map.of("topicId", topic, "title", "Черновик", "markdown", "x"))
                .json().get("id").asString();
        admin.put("/api/v1/kb/articles/" + draft + "/ties", Map.of("queues", List.of(sales)));

        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951111111", "dialled", "8800", "dtmf", List.of("1")))
                .json().get("callId").asString();
        calls.add(call);
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 2));

        // two ties first, then one; drafts never
        assertThat(titles(op.get("/api/v1/kb/call-articles?callId=" + call)))
                .containsExactly("Покупка: скрипт", "Горячая линия 8800", "Как продать тариф");
        JsonNode first = op.get("/api/v1/kb/call-articles?callId=" + call).json().get(0);
        assertThat(first.get("matchedBy").toString()).contains("IVR_CHOICE").contains("TOPIC");

        // by explicit attributes, as a workstation that knows them asks
        assertThat(titles(op.get("/api/v1/kb/call-articles?queueId=" + support))).containsExactly("Техподдержка");
        assertThat(titles(op.get("/api/v1/kb/call-articles?number=8800"))).containsExactly("Горячая линия 8800");
        assertThat(titles(op.get("/api/v1/kb/call-articles?topic=purchase"))).containsExactly("Покупка: скрипт");
        assertThat(titles(op.get("/api/v1/kb/call-articles?ivrId=" + ivr + "&choice=main:2"))).containsExactly("Техподдержка");
        assertThat(titles(op.get("/api/v1/kb/call-articles?requestType=complaint"))).containsExactly("Жалоба");
        assertThat(titles(op.get("/api/v1/kb/call-articles"))).isEmpty();
        assertThat(op.get("/api/v1/kb/call-articles?callId=nope").status()).isEqualTo(404);
    }

    @Test
    void tiesAreCheckedAndReadBack() {
        String id = article("Статья", Map.of());
        Map<String, Object> all = Map.of("queues", List.of(sales), "numbers", List.of("+7 (495) 123-45-67"),
                "requestTypes", List.of("Refund"), "ivrChoices", List.of(Map.of("ivrId", ivr, "menu", "main", "key", "2")),
                "topics", List.of("help"));
        JsonNode ties = admin.put("/api/v1/kb/articles/" + id + "/ties", all).json();
        assertThat(ties.get("numbers").get(0).asString()).isEqualTo("+74951234567");
        assertThat(ties.get("requestTypes").get(0).asString()).isEqualTo("refund");
        assertThat(ties.get("ivrChoices").get(0).get("menu").asString()).isEqualTo("main");
        assertThat(admin.get("/api/v1/kb/articles/" + id + "/ties").json()).isEqualTo(ties);

        Api.Response badQueue = admin.put("/api/v1/kb/articles/" + id + "/ties",
                Map.of("queues", List.of(sales, java.util.UUID.randomUUID().toString())));
        assertThat(badQueue.status()).isEqualTo(422);
        assertThat(badQueue.code()).isEqualTo("unknown_queue");
        assertThat(badQueue.field()).isEqualTo("queues[1]");
        Api.Response badKey = admin.put("/api/v1/kb/articles/" + id + "/ties",
                Map.of("ivrChoices", List.of(Map.of("ivrId", ivr, "menu", "main", "key", "9"))));
        assertThat(badKey.code()).isEqualTo("unknown_choice");
        assertThat(admin.put("/api/v1/kb/articles/" + id + "/ties", Map.of("numbers", List.of("call me"))).code())
                .isEqualTo("not_a_number");
        assertThat(admin.put("/api/v1/kb/articles/" + id + "/ties", Map.of("requestTypes", List.of("a b"))).field())
                .isEqualTo("requestTypes[0]");
        Api.Response unknownType = admin.put("/api/v1/kb/articles/" + id + "/ties",
                Map.of("requestTypes", List.of("refund", "teleport")));
        assertThat(unknownType.status()).as(unknownType.toString()).isEqualTo(422);
        assertThat(unknownType.code()).isEqualTo("unknown_request_type");
        assertThat(unknownType.field()).isEqualTo("requestTypes[1]");
        TestTenant other = tenants.create();
        projectWithTypes(api, other, "pm", "ELSEWHERE", "teleport");
        assertThat(admin.put("/api/v1/kb/articles/" + id + "/ties", Map.of("requestTypes", List.of("teleport"))).code())
                .as("another tenant's request types are unknown here").isEqualTo("unknown_request_type");
        assertThat(admin.get("/api/v1/kb/articles/" + id + "/ties").json()).as("nothing half-saved").isEqualTo(ties);
        projectWithTypes(api, acme, "pm2", "PLAIN");
        Api.Response general = admin.put("/api/v1/kb/articles/" + id + "/ties", Map.of("requestTypes", List.of("General")));
        assertThat(general.status()).as("a project without types of its own has the default type " + general)
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/kb/articles/" + id + "/ties", all).json()).isEqualTo(ties);
        assertThat(op.put("/api/v1/kb/articles/" + id + "/ties", all).status()).isEqualTo(403);
    }

    @Test
    void anotherTenantGetsNoneOfOurArticlesNorOurCallsAndCannotTieToOurQueues() {
        article("Наша статья", Map.of("queues", List.of(sales), "numbers", List.of("8800")));
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951111112", "dialled", "8800", "dtmf", List.of("1")))
                .json().get("callId").asString();
        calls.add(call);
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 2));

        TestTenant other = tenants.create();
        Api stranger = api.as(other.token(api, "admin"));
        assertThat(stranger.get("/api/v1/kb/call-articles?callId=" + call).status()).isEqualTo(404);
        assertThat(titles(stranger.get("/api/v1/kb/call-articles?queueId=" + sales + "&number=8800"))).isEmpty();
        String theirTopic = stranger.post("/api/v1/kb/topics", Map.of("name", "Их")).json().get("id").asString();
        String theirs = stranger.post("/api/v1/kb/articles", Map.of("topicId", theirTopic, "title", "Их", "markdown", "x"))
                .json().get("id").asString();
        assertThat(stranger.put("/api/v1/kb/articles/" + theirs + "/ties", Map.of("queues", List.of(sales))).code())
                .isEqualTo("unknown_queue");
        assertThat(stranger.put("/api/v1/kb/articles/" + theirs + "/ties",
                Map.of("ivrChoices", List.of(Map.of("ivrId", ivr, "menu", "main", "key", "1")))).code()).isEqualTo("unknown_ivr");
    }

    @Test
    void theTieLookupIsAnIndexProbeUnderRowLevelSecurityAndSearchUsesItsGinIndexes() {
        article("Статья", Map.of("queues", List.of(sales)));
        // with sequential scans off, a plan without the index would mean the policy blocks it
        String ties = plan("explain select article_id from kb_ties where tenant_id = ? and key = any (?)",
                acme.id().value(), new String[] {"QUEUE:" + sales, "NUMBER:8800"});
        org.assertj.core.api.Assertions.assertThat(ties).contains("kb_ties_key");
        String articles = plan("explain select article_id from kb_search where tenant_id = ? and doc @@ linia_tsquery(?)",
                acme.id().value(), new String[] {"статья"});
        org.assertj.core.api.Assertions.assertThat(articles).contains("kb_search_doc");
        String customers = plan("explain select customer_id from customer_fulltext where tenant_id = ? and doc @@ linia_tsquery(?)",
                acme.id().value(), new String[] {"иванов"});
        org.assertj.core.api.Assertions.assertThat(customers).contains("customer_fulltext_doc");
        // a vocabulary of some size, so that the planner prefers the trigram index to the tenant's key range
        jdbc.sql("insert into search_words (tenant_id, word) select ?, 'слово' || g from generate_series(1, 20000) g")
                .param(acme.id().value()).update();
        jdbc.sql("analyze search_words").update();
        String words = plan("explain select word from search_words where tenant_id = ? and word % ?", acme.id().value(), "зявка");
        org.assertj.core.api.Assertions.assertThat(words).contains("search_words_trgm");
    }

    private String plan(String sql, Object... params) {
        return io.linia.platform.tenancy.TenantContext.as(acme.id(), () ->
                new org.springframework.transaction.support.TransactionTemplate(transactions).execute(tx -> {
                    jdbc.sql("set local enable_seqscan = off").update();
                    return String.join("\n", jdbc.sql(sql).params(params).query(String.class).list());
                }));
    }
}
