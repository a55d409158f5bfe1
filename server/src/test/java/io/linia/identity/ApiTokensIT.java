package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** ID-5: scoped, expiring, revocable API tokens stored hashed, per tenant. */
@IntegrationTest
class ApiTokensIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;
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

    @Test
    void aScopedTokenCanDoWhatItsScopesAllowAndNothingElse() {
        Api.Response created = admin.post("/api/v1/api-tokens", Map.of("name", "CRM", "scopes", List.of("USER_VIEW")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        Api crm = api.as(secret);
        assertThat(crm.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(crm.post("/api/v1/users", Map.of("login", "x", "fullName", "X")).status()).isEqualTo(403);

        // only the hash is stored, and the list never shows a secret
        assertThat(admin.get("/api/v1/api-tokens").body()).doesNotContain(secret).contains("CRM");
        Long stored = io.linia.platform.tenancy.TenantContext.asSystem(() -> jdbc.sql(
                "select count(*) from auth_tokens where token_hash = ?").param(secret).query(Long.class).single());
        assertThat(stored).isZero();
    }

    @Test
    void aRevokedTokenStopsAtOnceAndAnExpiredOneTooAndTheyAreNotIdleLimited() {
        String id = admin.post("/api/v1/api-tokens", Map.of("name", "r", "scopes", List.of("USER_VIEW"))).json().get("info").get("id").asString();
        String listed = admin.get("/api/v1/api-tokens").json().get(0).get("id").asString();
        assertThat(listed).isEqualTo(id);

        Api.Response expiring = admin.post("/api/v1/api-tokens", Map.of("name", "e", "scopes", List.of("USER_VIEW"),
                "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
        Api e = api.as(expiring.json().get("token").asString());
        clock.advance(Duration.ofMinutes(30));
        assertThat(e.get("/api/v1/users").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(e.get("/api/v1/users").code()).isEqualTo("invalid_token");

        // an hour has passed: the administrator's own sign-in token idled out (SEC-4), so sign in again
        Api freshAdmin = api.as(acme.token(api, "admin"));
        Api.Response another = freshAdmin.post("/api/v1/api-tokens", Map.of("name", "x", "scopes", List.of("USER_VIEW")));
        Api x = api.as(another.json().get("token").asString());
        assertThat(x.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(freshAdmin.delete("/api/v1/api-tokens/" + another.json().get("info").get("id").asString()).status()).isEqualTo(204);
        assertThat(x.get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void anotherTenantCannotSeeOrRevokeAToken() {
        String id = admin.post("/api/v1/api-tokens", Map.of("name", "mine", "scopes", List.of("USER_VIEW"))).json().get("info").get("id").asString();
        Api intruder = api.as(tenants.create().token(api, "admin"));
        assertThat(intruder.delete("/api/v1/api-tokens/" + id).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/api-tokens").body()).doesNotContain(id);
    }

    @Test
    void badScopesUsersAndExpiriesAreRefusedByField() {
        Api.Response scope = admin.post("/api/v1/api-tokens", Map.of("name", "n", "scopes", List.of("USER_VIEW", "GOD_MODE")));
        assertThat(scope.status()).isEqualTo(422);
        assertThat(scope.field()).isEqualTo("scopes[1]");
        Api.Response user = admin.post("/api/v1/api-tokens", Map.of("name", "n", "scopes", List.of("USER_VIEW"),
                "userId", "00000000-0000-0000-0000-000000000001"));
        assertThat(user.field()).isEqualTo("userId");
        Api.Response past = admin.post("/api/v1/api-tokens", Map.of("name", "n", "scopes", List.of("USER_VIEW"),
                "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(past.field()).isEqualTo("expiresAt");
        assertThat(admin.post("/api/v1/api-tokens", Map.of("name", "n", "scopes", List.of())).field()).isEqualTo("scopes");
    }
}
