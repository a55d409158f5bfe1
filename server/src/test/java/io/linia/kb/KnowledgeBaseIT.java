package io.linia.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge base over the REST API: topics and read rights inherited down the tree (KB-4,
 * KB-5), articles with versions, drafts and publishing (KB-4), sanitized Markdown and
 * attachments (KB-1), and tenant isolation of every resource.
 */
@IntegrationTest
class KnowledgeBaseIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api editor;
    Api op;
    Api hr;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
        acme.user("people", "hr");
        editor = api.as(acme.token(api, "admin"));
        op = api.as(acme.token(api, "op"));
        hr = api.as(acme.token(api, "people"));
    }

    static Map<String, Object> topic(String name, String parentId, String... roles) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("parentId", parentId);
        m.put("readerRoles", List.of(roles));
        return m;
    }

    static String id(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asString();
    }

    static String article(Api editor, String topicId, String title, String markdown) {
        return id(editor.post("/api/v1/kb/articles", Map.of("topicId", topicId, "title", title, "markdown", markdown)));
    }

    private List<String> audit(String action) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select coalesce(after_state, before_state) from audit_log where tenant_id = ? and action = ? order by id")
                .params(acme.id().value(), action).query(String.class).list());
    }

    @Test
    void anArticleIsWrittenInVersionsAndReadersSeeOnlyThePublishedOne() {
        String scripts = id(editor.post("/api/v1/kb/topics", topic("Скрипты разговоров", null)));
        String id = article(editor, scripts, "Приветствие", "Здравствуйте, **компания Линия**.");

        // a draft: readers do not see it, editors do
        assertThat(op.get("/api/v1/kb/articles/" + id).status()).isEqualTo(404);
        assertThat(op.get("/api/v1/kb/topics/" + scripts + "/articles").json().size()).isZero();
        JsonNode draft = editor.get("/api/v1/kb/articles/" + id + "?draft=true").json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("html").asString()).isEqualTo("<p>Здравствуйте, <strong>компания Линия</strong>.</p>\n");
        assertThat(draft.get("authorName").asString()).isEqualTo("User admin");

        Api.Response published = editor.post("/api/v1/kb/articles/" + id + "/publish", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");

        // a second version is a draft again: readers keep version 1
        Api.Response saved = editor.put("/api/v1/kb/articles/" + id,
                Map.of("title", "Приветствие клиента", "markdown", "Добрый день!", "baseVersion", 1));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("version").asInt()).isEqualTo(2);
        assertThat(saved.json().get("status").asString()).isEqualTo("CHANGED");
        JsonNode read = op.get("/api/v1/kb/articles/" + id).json();
        assertThat(read.get("version").asInt()).isEqualTo(1);
        assertThat(read.get("title").asString()).isEqualTo("Приветствие");
        assertThat(op.get("/api/v1/kb/topics/" + scripts + "/articles").json().get(0).get("title").asString())
                .isEqualTo("Приветствие");

        // saving from a stale version is refused and stores nothing
        Api.Response stale = editor.put("/api/v1/kb/articles/" + id,
                Map.of("title", "Чужая правка", "markdown", "…", "baseVersion", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        JsonNode versions = editor.get("/api/v1/kb/articles/" + id + "/versions").json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("authorName").asString()).isEqualTo("User admin");
        assertThat(versions.get(0).get("createdAt").isNull()).isFalse();
        assertThat(versions.get(1).get("current").asBoolean()).isTrue();
        assertThat(editor.get("/api/v1/kb/articles/" + id + "/versions/1").json().get("markdown").asString())
                .isEqualTo("Здравствуйте, **компания Линия**.");
        // readers may not list versions
        assertThat(op.get("/api/v1/kb/articles/" + id + "/versions").status()).isEqualTo(403);
        assertThat(op.put("/api/v1/kb/articles/" + id, Map.of("title", "x", "markdown", "y")).status()).isEqualTo(403);

        editor.post("/api/v1/kb/articles/" + id + "/publish", Map.of("version", 2));
        assertThat(op.get("/api/v1/kb/articles/" + id).json().get("title").asString()).isEqualTo("Приветствие клиента");
        // publishing an older version rolls back
        editor.post("/api/v1/kb/articles/" + id + "/publish", Map.of("version", 1));
        assertThat(op.get("/api/v1/kb/articles/" + id).json().get("title").asString()).isEqualTo("Приветствие");
        assertThat(editor.post("/api/v1/kb/articles/" + id + "/publish", Map.of("version", 7)).code())
                .isEqualTo("unknown_version");

        editor.post("/api/v1/kb/articles/" + id + "/unpublish", null);
        assertThat(op.get("/api/v1/kb/articles/" + id).status()).isEqualTo(404);

        assertThat(audit("kb_article.create")).hasSize(1);
        assertThat(audit("kb_article.save")).singleElement().asString().contains("Приветствие клиента");
        assertThat(audit("kb_article.publish")).hasSize(3);
        assertThat(audit("kb_topic.create")).singleElement().asString().contains("Скрипты разговоров");

        assertThat(editor.delete("/api/v1/kb/topics/" + scripts).code()).isEqualTo("topic_not_empty");
        assertThat(editor.delete("/api/v1/kb/articles/" + id).status()).isEqualTo(204);
        assertThat(editor.get("/api/v1/kb/articles/" + id + "?draft=true").status()).isEqualTo(404);
        assertThat(editor.delete("/api/v1/kb/topics/" + scripts).status()).isEqualTo(204);
    }

    @Test
    void scriptsEventHandlersAndJavascriptUrlsAreRemovedFromArticles() {
        String t = id(editor.post("/api/v1/kb/topics", topic("T", null)));
        String md = """
                # Заголовок

                <script>alert('x')</script>

                <img src="x.png" onerror="alert(1)">

                [ссылка](javascript:alert(1)) и <a href="javascript:alert(2)" onclick="alert(3)">тут</a>

                <iframe src="https://evil.example"></iframe>

                | a | b |
                |---|---|
                | 1 | 2 |

                [вложение](/api/v1/kb/articles/x/attachments/y) [сайт](https://linia.io)
                """;
        String id = article(editor, t, "XSS", md);
        String html = editor.get("/api/v1/kb/articles/" + id + "?draft=true").json().get("html").asString();
        assertThat(html).contains("<h1>Заголовок</h1>").contains("ссылка").contains(">тут</a>").contains("<table>").contains("<td>2</td>")
                .contains("href=\"/api/v1/kb/articles/x/attachments/y\"").contains("href=\"https://linia.io\"")
                .contains("<img src=\"x.png\">");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("alert(").doesNotContain("onerror")
                .doesNotContain("onclick").doesNotContain("javascript:").doesNotContain("<iframe");
        // the preview renders the same way
        String preview = editor.post("/api/v1/kb/preview", Map.of("markdown", "<b onmouseover=\"x()\">b</b>"))
                .json().get("html").asString();
        assertThat(preview).isEqualTo("<p><b>b</b></p>\n");
    }

    @Test
    void readRightsOfATopicAreInheritedDownTheTreeAndStaffRegulationsStayWithStaff() {
        String general = id(editor.post("/api/v1/kb/topics", topic("Общее", null)));
        String staff = id(editor.post("/api/v1/kb/topics", topic("Регламенты для персонала", null, "hr", "administrator")));
        String vacations = id(editor.post("/api/v1/kb/topics", topic("Отпуска", staff)));
        // a sub-topic cannot widen what the topic above it allows
        String widened = id(editor.post("/api/v1/kb/topics", topic("Для операторов?", staff, "operator")));
        String open = article(editor, general, "Открытая статья", "Для всех");
        String rule = article(editor, vacations, "Порядок отпусков", "Заявление за две недели");
        String trap = article(editor, widened, "Тоже закрыто", "Нельзя");
        for (String a : List.of(open, rule, trap)) {
            editor.post("/api/v1/kb/articles/" + a + "/publish", null);
        }

        assertThat(names(op.get("/api/v1/kb/topics").json())).containsExactly("Общее");
        assertThat(names(hr.get("/api/v1/kb/topics").json()))
                .containsExactlyInAnyOrder("Общее", "Регламенты для персонала", "Отпуска");
        assertThat(names(editor.get("/api/v1/kb/topics").json())).hasSize(4);

        assertThat(op.get("/api/v1/kb/articles/" + open).status()).isEqualTo(200);
        assertThat(op.get("/api/v1/kb/articles/" + rule).status()).isEqualTo(404);
        assertThat(op.get("/api/v1/kb/articles/" + trap).status()).isEqualTo(404);
        assertThat(op.get("/api/v1/kb/topics/" + vacations).status()).isEqualTo(404);
        assertThat(op.get("/api/v1/kb/topics/" + vacations + "/articles").status()).isEqualTo(404);
        assertThat(hr.get("/api/v1/kb/articles/" + rule).json().get("title").asString()).isEqualTo("Порядок отпусков");
        assertThat(hr.get("/api/v1/kb/articles/" + trap).status()).as("hr is not an operator").isEqualTo(404);

        // opening the top topic to everyone opens what is under it
        Map<String, Object> reopened = topic("Регламенты для персонала", null);
        assertThat(editor.put("/api/v1/kb/topics/" + staff, reopened).status()).isEqualTo(200);
        assertThat(op.get("/api/v1/kb/articles/" + rule).status()).isEqualTo(200);

        // rules of the tree
        assertThat(editor.put("/api/v1/kb/topics/" + staff, topic("Регламенты", vacations)).code()).isEqualTo("cycle");
        Api.Response unknownRole = editor.post("/api/v1/kb/topics", topic("X", null, "operator", "nobody"));
        assertThat(unknownRole.status()).isEqualTo(422);
        assertThat(unknownRole.code()).isEqualTo("unknown_role");
        assertThat(unknownRole.field()).isEqualTo("readerRoles[1]");
        assertThat(editor.post("/api/v1/kb/topics", topic(" ", null)).field()).isEqualTo("name");
        assertThat(op.post("/api/v1/kb/topics", topic("Мой", null)).status()).isEqualTo(403);
        Map<String, Object> stale = topic("Общее", null);
        stale.put("version", 5);
        assertThat(editor.put("/api/v1/kb/topics/" + general, stale).code()).isEqualTo("stale_version");
    }

    @Test
    void attachmentsAreLimitedInSizeAndTypeStoredEncryptedAndServedToReaders() {
        String t = id(editor.post("/api/v1/kb/topics", topic("Файлы", null)));
        String a = article(editor, t, "С файлом", "См. вложение");
        byte[] pdf = "%PDF-1.4 инструкция".getBytes(StandardCharsets.UTF_8);
        Api.Response up = editor.upload("/api/v1/kb/articles/" + a + "/attachments?name=Инструкция.pdf", "application/pdf", pdf);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        String fileId = up.json().get("id").asString();
        assertThat(up.json().get("size").asLong()).isEqualTo(pdf.length);

        // stored encrypted: the plaintext is nowhere in the row
        byte[] stored = TenantContext.as(acme.id(), () -> jdbc.sql("select data from kb_attachments where tenant_id = ? and id = ?::uuid")
                .params(acme.id().value(), fileId).query(byte[].class).single());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");

        // a draft's files are the editors' only
        assertThat(op.download("/api/v1/kb/articles/" + a + "/attachments/" + fileId).status()).isEqualTo(404);
        editor.post("/api/v1/kb/articles/" + a + "/publish", null);
        Api.Download d = op.download("/api/v1/kb/articles/" + a + "/attachments/" + fileId);
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.bytes()).isEqualTo(pdf);
        assertThat(d.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(d.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(op.get("/api/v1/kb/articles/" + a).json().get("attachments").get(0).get("fileName").asString())
                .isEqualTo("Инструкция.pdf");

        Api.Response big = editor.upload("/api/v1/kb/articles/" + a + "/attachments?name=big.pdf", "application/pdf",
                new byte[10 * 1024 * 1024 + 1]);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("too_large");
        Api.Response svg = editor.upload("/api/v1/kb/articles/" + a + "/attachments?name=x.svg", "image/svg+xml",
                "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertThat(svg.status()).isEqualTo(422);
        assertThat(svg.code()).isEqualTo("unsupported_type");
        assertThat(op.upload("/api/v1/kb/articles/" + a + "/attachments?name=a.pdf", "application/pdf", pdf).status())
                .isEqualTo(403);
        assertThat(editor.get("/api/v1/kb/articles/" + a + "/attachments").json().size()).as("nothing half-saved").isEqualTo(1);

        assertThat(editor.delete("/api/v1/kb/articles/" + a + "/attachments/" + fileId).status()).isEqualTo(204);
        assertThat(op.download("/api/v1/kb/articles/" + a + "/attachments/" + fileId).status()).isEqualTo(404);
        assertThat(audit("kb_attachment.create")).singleElement().asString().contains("Инструкция.pdf");
    }

    @Test
    void anotherTenantSeesNoneOfTheTopicsArticlesVersionsOrAttachments() {
        String t = id(editor.post("/api/v1/kb/topics", topic("Секреты", null)));
        String a = article(editor, t, "Наша статья", "текст");
        editor.post("/api/v1/kb/articles/" + a + "/publish", null);
        String f = id(editor.upload("/api/v1/kb/articles/" + a + "/attachments?name=a.txt", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8)));

        TestTenant other = tenants.create();
        Api stranger = api.as(other.token(api, "admin"));
        assertThat(stranger.get("/api/v1/kb/topics").json().size()).isZero();
        assertThat(stranger.get("/api/v1/kb/topics/" + t).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/topics/" + t + "/articles").status()).isEqualTo(404);
        assertThat(stranger.put("/api/v1/kb/topics/" + t, topic("Мои", null)).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/kb/topics/" + t).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/articles/" + a).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/articles/" + a + "?draft=true").status()).isEqualTo(404);
        assertThat(stranger.put("/api/v1/kb/articles/" + a, Map.of("title", "x", "markdown", "y")).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/kb/articles/" + a + "/publish", null).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/articles/" + a + "/versions").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/articles/" + a + "/versions/1").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/kb/articles/" + a + "/ties").status()).isEqualTo(404);
        assertThat(stranger.download("/api/v1/kb/articles/" + a + "/attachments/" + f).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/kb/articles/" + a + "/attachments/" + f).status()).isEqualTo(404);
        assertThat(stranger.upload("/api/v1/kb/articles/" + a + "/attachments?name=b.txt", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/kb/articles/" + a).status()).isEqualTo(404);
        // another tenant's topic cannot be used as a parent or a home either
        assertThat(stranger.post("/api/v1/kb/topics", topic("Под чужим", t)).code()).isEqualTo("unknown_topic");
        assertThat(stranger.post("/api/v1/kb/articles", Map.of("topicId", t, "title", "x", "markdown", "y")).code())
                .isEqualTo("unknown_topic");
        assertThat(op.get("/api/v1/kb/articles/" + a).status()).as("still there for its own tenant").isEqualTo(200);
    }

    @Test
    void badInputIsAClearErrorNamingTheField() {
        String t = id(editor.post("/api/v1/kb/topics", topic("T", null)));
        Api.Response noTopic = editor.post("/api/v1/kb/articles", Map.of("title", "x", "markdown", "y"));
        assertThat(noTopic.status()).isEqualTo(422);
        assertThat(noTopic.field()).isEqualTo("topicId");
        Api.Response noTitle = editor.post("/api/v1/kb/articles", Map.of("topicId", t, "title", "", "markdown", "y"));
        assertThat(noTitle.field()).isEqualTo("title");
        Api.Response longText = editor.post("/api/v1/kb/articles",
                Map.of("topicId", t, "title", "x", "markdown", "a".repeat(200_001)));
        assertThat(longText.status()).isEqualTo(422);
        assertThat(longText.code()).isEqualTo("too_long");
        Api.Response unknown = editor.post("/api/v1/kb/articles", Map.of("topicId", t, "title", "x", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown_field");
        assertThat(editor.send("POST", "/api/v1/kb/topics", "{\"name\":").code()).isEqualTo("malformed_json");
        assertThat(editor.get("/api/v1/kb/articles/not-a-uuid").status()).isEqualTo(400);
        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql("select count(*) from kb_articles where tenant_id = ?")
                .param(acme.id().value()).query(Long.class).single())).isZero();
    }

    private static List<String> names(JsonNode topics) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        topics.forEach(t -> out.add(t.get("name").asString()));
        return out;
    }
}
