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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The articles of a call (KB-2, WS-5) with its queue's knowledge topic (ACD-1): after the
 * articles tied to the call, the published ones of the topic and of the topics under it, each
 * once, only those the operator may read.
 */
@IntegrationTest
class QueueTopicArticlesIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    private static Map<String, Object> topic(String name, String parentId, String... roles) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("parentId", parentId);
        m.put("readerRoles", List.of(roles));
        return m;
    }

    private static String id(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asString();
    }

    private static String article(Api editor, String topicId, String title, boolean publish) {
        String id = id(editor.post("/api/v1/kb/articles", Map.of("topicId", topicId, "title", title, "markdown", title)));
        if (publish) {
            assertThat(editor.post("/api/v1/kb/articles/" + id + "/publish", null).status()).isEqualTo(200);
        }
        return id;
    }

    private static List<String> titles(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().forEach(a -> out.add(a.get("title").asString()));
        return out;
    }

    @Test
    void aCallOfTheQueueBringsItsTopicsArticlesAfterTheTiedOnesOnceAndAsTheOperatorMayRead() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        acme.user("op", "operator");
        Api admin = api.as(acme.token(api, "admin"));
        Api op = api.as(acme.token(api, "op"));

        String support = id(admin.post("/api/v1/kb/topics", topic("Support", null)));
        String refunds = id(admin.post("/api/v1/kb/topics", topic("Refunds", support)));
        String internal = id(admin.post("/api/v1/kb/topics", topic("Internal", support, "administrator")));
        String elsewhere = id(admin.post("/api/v1/kb/topics", topic("Elsewhere", null)));
        article(admin, support, "B support basics", true);
        article(admin, support, "A support first steps", true);
        article(admin, refunds, "Refund rules", true);
        article(admin, internal, "Internal escalation", true);
        article(admin, support, "Support draft", false);
        article(admin, elsewhere, "Unrelated", true);

        Map<String, Object> q = new HashMap<>();
        q.put("number", "600");
        q.put("name", "Support");
        q.put("kbTopicId", support);
        Api.Response created = admin.post("/api/v1/queues", q);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String queue = created.json().get("id").asString();
        // tied to the queue directly, and in its topic too: first, and only once
        String tied = article(admin, refunds, "Tied to the queue", true);
        assertThat(admin.put("/api/v1/kb/articles/" + tied + "/ties", Map.of("queues", List.of(queue))).status())
                .isEqualTo(200);

        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "600"))
                .json().get("callId").asString();
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 1));

        // the topic's own articles by title, then the sub-topic's; the restricted sub-topic is not the operator's
        assertThat(titles(op.get("/api/v1/kb/call-articles?callId=" + call)))
                .containsExactly("Tied to the queue", "A support first steps", "B support basics", "Refund rules");
        Api.Response r = op.get("/api/v1/kb/call-articles?callId=" + call);
        assertThat(r.json().get(0).get("matchedBy").toString()).contains("QUEUE");
        assertThat(r.json().get(1).get("matchedBy").toString()).contains("KB_TOPIC");
        // an administrator reads the restricted one too
        assertThat(titles(admin.get("/api/v1/kb/call-articles?callId=" + call))).contains("Internal escalation")
                .doesNotContain("Unrelated", "Support draft");
        admin.post("/api/v1/sim/calls/" + call + "/hangup", null);
    }
}
