package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The users API (ID-2, ID-3) with its tenancy, permission and bad-input rules. */
@IntegrationTest
class UsersApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
    }

    private static Map<String, Object> newUser(String login, String fullName) {
        Map<String, Object> m = new HashMap<>();
        m.put("login", login);
        m.put("fullName", fullName);
        m.put("email", login + "@Example.org");
        m.put("extension", "101");
        m.put("agentPin", "1234");
        m.put("language", "ru");
        m.put("roles", List.of("operator"));
        m.put("skills", Map.of("english", 7));
        return m;
    }

    @Test
    void createdUserGetsAOneTimePasswordAndCanSignInWithIt() {
        Api.Response r = admin.post("/api/v1/users", newUser("ivanov", "Иван Иванов"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String oneTime = r.json().get("oneTimePassword").asString();
        assertThat(oneTime).hasSize(16);
        var user = r.json().get("user");
        assertThat(user.get("email").asString()).isEqualTo("ivanov@example.org");
        assertThat(user.get("roles").toString()).contains("operator");
        assertThat(user.get("skills").get("english").asInt()).isEqualTo(7);
        assertThat(user.get("hasAgentPin").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("$argon2").doesNotContain("1234\"");

        Api.Response token = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "ivanov", "password", oneTime));
        assertThat(token.json().get("mustChangePassword").asBoolean()).isTrue();
    }

    @Test
    void searchFindsBySubstringOfNameOrLoginAndPagesWithACursor() {
        for (int i = 0; i < 5; i++) {
            admin.post("/api/v1/users", newUser("petrov" + i, "Пётр Петров " + i));
        }
        admin.post("/api/v1/users", newUser("smith", "John Smith"));

        Api.Response page1 = admin.get("/api/v1/users?q=%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2&limit=3");
        assertThat(page1.json().get("items").size()).isEqualTo(3);
        String next = page1.json().get("next").asString();
        Api.Response page2 = admin.get("/api/v1/users?q=%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2&limit=3&after=" + next);
        assertThat(page2.json().get("items").size()).isEqualTo(2);
        assertThat(page2.json().get("next").isNull()).isTrue();
        assertThat(page1.body() + page2.body()).doesNotContain("smith");

        assertThat(admin.get("/api/v1/users?q=SMI").json().get("items").get(0).get("login").asString()).isEqualTo("smith");
        assertThat(admin.get("/api/v1/users?role=operator").json().get("items").size()).isEqualTo(6);
        assertThat(admin.get("/api/v1/users?q=%25").json().get("items").size()).isZero();
    }

    @Test
    void searchFollowsRenamesBlocksAndDeletes() {
        String id = admin.post("/api/v1/users", newUser("volkov", "Алексей Волков")).json().get("id").asString();
        admin.patch("/api/v1/users/" + id, Map.of("fullName", "Алексей Зайцев"));
        assertThat(admin.get("/api/v1/users?q=%D0%B2%D0%BE%D0%BB%D0%BA%D0%BE%D0%B2").json().get("items").size()).isZero();
        assertThat(admin.get("/api/v1/users?q=%D0%B7%D0%B0%D0%B9%D1%86").json().get("items").get(0).get("login").asString())
                .isEqualTo("volkov");
        admin.post("/api/v1/users/" + id + "/block", null);
        assertThat(admin.get("/api/v1/users?q=volkov&status=blocked").json().get("items").size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/users?q=volkov&status=active").json().get("items").size()).isZero();
        admin.delete("/api/v1/users/" + id);
        assertThat(admin.get("/api/v1/users?q=volkov").json().get("items").size()).isZero();
        assertThat(admin.get("/api/v1/users?q=volkov&status=deleted").json().get("items").size()).isEqualTo(1);
    }

    @Test
    void anotherTenantsUserIsNotFoundForEveryVerb() {
        UUID bob = acme.user("bob", "operator");
        TestTenant other = tenants.create();
        Api intruder = api.as(other.token(api, "admin"));

        assertThat(intruder.get("/api/v1/users/" + bob).status()).isEqualTo(404);
        assertThat(intruder.patch("/api/v1/users/" + bob, Map.of("fullName", "Hacked")).status()).isEqualTo(404);
        assertThat(intruder.post("/api/v1/users/" + bob + "/block", null).status()).isEqualTo(404);
        assertThat(intruder.post("/api/v1/users/" + bob + "/reset-password", null).status()).isEqualTo(404);
        assertThat(intruder.post("/api/v1/users/" + bob + "/unlock", null).status()).isEqualTo(404);
        assertThat(intruder.delete("/api/v1/users/" + bob).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/users?q=bob").json().get("items").size()).isZero();
        assertThat(admin.get("/api/v1/users/" + bob).json().get("fullName").asString()).isEqualTo("User bob");
    }

    @Test
    void anOperatorMayNotManageUsers() {
        acme.user("op", "operator");
        Api operator = api.as(acme.token(api, "op"));
        Api.Response r = operator.post("/api/v1/users", newUser("x1", "X"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(operator.get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsSaved() {
        Map<String, Object> unknownField = newUser("u1", "U");
        unknownField.put("salary", 100);
        assertThat(admin.post("/api/v1/users", unknownField).field()).isEqualTo("salary");

        Map<String, Object> wrongType = newUser("u2", "U");
        wrongType.put("roles", "operator");
        Api.Response r2 = admin.post("/api/v1/users", wrongType);
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.field()).isEqualTo("roles");

        Api.Response tooLong = admin.post("/api/v1/users", newUser("u3", "x".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.field()).isEqualTo("fullName");
        assertThat(tooLong.code()).isEqualTo("length");

        Map<String, Object> badLoginUser = newUser("bad login!", "U");
        badLoginUser.put("email", "valid@example.org");
        Api.Response badLogin = admin.post("/api/v1/users", badLoginUser);
        assertThat(badLogin.field()).isEqualTo("login");

        Map<String, Object> badSkill = newUser("u4", "U");
        badSkill.put("skills", Map.of("english", 11));
        assertThat(admin.post("/api/v1/users", badSkill).status()).isEqualTo(400);

        Map<String, Object> unknownRole = newUser("u5", "U");
        unknownRole.put("roles", List.of("operator", "wizard"));
        Api.Response role = admin.post("/api/v1/users", unknownRole);
        assertThat(role.status()).isEqualTo(422);
        assertThat(role.field()).isEqualTo("roles");

        Map<String, Object> weak = newUser("u6", "U");
        weak.put("password", "short");
        Api.Response weakR = admin.post("/api/v1/users", weak);
        assertThat(weakR.status()).isEqualTo(422);
        assertThat(weakR.field()).isEqualTo("password");

        assertThat(admin.get("/api/v1/users/not-a-uuid").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?limit=5000").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?after=%21%21").code()).isEqualTo("bad_cursor");

        // the failed creations left nothing behind, not even half a user
        assertThat(admin.get("/api/v1/users?q=u").json().get("items").toString()).doesNotContain("\"u5\"", "\"u6\"");
    }

    @Test
    void duplicateLoginIsAConflictCaseInsensitively() {
        admin.post("/api/v1/users", newUser("sidorov", "S"));
        Api.Response r = admin.post("/api/v1/users", newUser("SIDOROV", "S2"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("duplicate_login");
        assertThat(r.field()).isEqualTo("login");
    }

    @Test
    void editsAreAuditedWithBeforeAndAfterAndStaleVersionsConflict() {
        String id = admin.post("/api/v1/users", newUser("kuznetsov", "Old Name")).json().get("id").asString();
        Api.Response edited = admin.patch("/api/v1/users/" + id, Map.of("fullName", "New Name", "version", 0));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("version").asInt()).isEqualTo(1);

        Api.Response stale = admin.patch("/api/v1/users/" + id, Map.of("fullName", "Other", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        var row = io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql(
                "select before_state::text b, after_state::text a, actor_login from audit_log where tenant_id = ? and action = 'user.update'")
                .param(acme.id().value()).query((rs, i) -> List.of(rs.getString("b"), rs.getString("a"), rs.getString("actor_login"))).single());
        assertThat(row.get(0)).contains("Old Name").doesNotContain("argon2");
        assertThat(row.get(1)).contains("New Name");
        assertThat(row.get(2)).isEqualTo("admin");
    }

    @Test
    void softDeleteKeepsTheRowFreesTheLoginAndEndsTheTokens() {
        UUID bob = acme.user("bob", "operator");
        Api bobApi = api.as(acme.token(api, "bob"));
        assertThat(bobApi.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/users/" + bob).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/users/" + bob).status()).isEqualTo(404);
        assertThat(bobApi.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/users?status=deleted").json().get("items").get(0).get("login").asString()).isEqualTo("bob");
        assertThat(admin.post("/api/v1/users", newUser("bob", "New Bob")).status()).isEqualTo(201);
    }

    @Test
    void blockingEndsExistingSessionsAndUnblockingRestoresSignIn() {
        UUID bob = acme.user("bob", "operator");
        Api bobApi = api.as(acme.token(api, "bob"));
        assertThat(admin.post("/api/v1/users/" + bob + "/block", null).json().get("status").asString()).isEqualTo("blocked");
        assertThat(bobApi.get("/api/v1/auth/me").status()).isEqualTo(401);
        Api.Response signIn = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "bob", "password", TestTenants.PASSWORD));
        assertThat(signIn.code()).isEqualTo("account_disabled");

        admin.post("/api/v1/users/" + bob + "/unblock", null);
        assertThat(acme.token(api, "bob")).startsWith("lin_");
    }

    @Test
    void anAdminCannotBlockOrDeleteThemselves() {
        String me = admin.get("/api/v1/auth/me").json().get("userId").asString();
        assertThat(admin.post("/api/v1/users/" + me + "/block", null).code()).isEqualTo("self_action");
        assertThat(admin.delete("/api/v1/users/" + me).code()).isEqualTo("self_action");
    }
}
