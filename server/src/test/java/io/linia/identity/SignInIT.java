package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.BrowserSession;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SignInIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
    }

    @Test
    void bootstrapCreatedTheProviderAdminWithTheConfiguredPassword() {
        Api.Response r = api.post("/api/v1/auth/token", Map.of("tenant", "provider", "login", "admin",
                "password", "Bootstrap-Pass-1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("mustChangePassword").asBoolean()).isFalse();
        Api.Response me = api.as(r.json().get("token").asString()).get("/api/v1/auth/me");
        assertThat(me.json().get("tenant").asString()).isEqualTo("provider");
        assertThat(me.json().get("permissions").toString()).contains("TENANT_MANAGE");
    }

    @Test
    void tokenSignInReturnsABearerTokenForTheUser() {
        String token = acme.token(api, "admin");
        Api.Response me = api.as(token).get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("login").asString()).isEqualTo("admin");
        assertThat(me.json().get("tenant").asString()).isEqualTo(acme.code());
        assertThat(me.json().get("permissions").toString()).contains("USER_MANAGE").doesNotContain("AUDIT_READ");
    }

    @Test
    void wrongPasswordUnknownUserAndUnknownTenantAllLookTheSameAndAreAudited() {
        Api.Response wrongPassword = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "admin", "password", "nope"));
        Api.Response unknownUser = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "ghost", "password", "nope"));
        Api.Response unknownTenant = api.post("/api/v1/auth/token", Map.of("tenant", "no-such-tenant", "login", "admin", "password", "nope"));
        for (Api.Response r : new Api.Response[] {wrongPassword, unknownUser, unknownTenant}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("bad_credentials");
        }
        assertThat(io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql(
                "select result from audit_log where tenant_id = ? and action = 'login' order by id")
                .param(acme.id().value()).query(String.class).list()))
                .containsExactly("wrong_password", "unknown_user");
    }

    @Test
    void missingFieldsAreNamed() {
        Api.Response r = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "admin"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("password");
        assertThat(r.code()).isEqualTo("required");
    }

    @Test
    void unknownFieldIsRefused() {
        Api.Response r = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "admin",
                "password", TestTenants.PASSWORD, "remember", true));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("unknown_field");
        assertThat(r.field()).isEqualTo("remember");
    }

    @Test
    void malformedJsonIsA400() {
        Api.Response r = api.post("/api/v1/auth/token", "{\"tenant\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("malformed_json");
    }

    @Test
    void garbageTokenIs401AndNoTokenIs401() {
        assertThat(api.as("lin_nonsense").get("/api/v1/auth/me").code()).isEqualTo("invalid_token");
        Api.Response none = api.get("/api/v1/auth/me");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("unauthenticated");
        // a write without any credentials is unauthenticated too, not a CSRF failure
        Api.Response anonymousPost = api.post("/api/v1/users", Map.of("login", "x"));
        assertThat(anonymousPost.status()).isEqualTo(401);
        assertThat(anonymousPost.code()).isEqualTo("unauthenticated");
    }

    @Test
    void aSignedInBrowserMustSendTheCsrfTokenWithAWrite() {
        BrowserSession browser = BrowserSession.signIn(api, acme.code(), "admin", TestTenants.PASSWORD);
        String body = "{\"login\":\"csrf1\",\"fullName\":\"C\",\"roles\":[\"operator\"]}";
        java.net.http.HttpResponse<String> forged = browser.postJson("/api/v1/users", body, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.postJson("/api/v1/users", body, browser.csrfToken()).statusCode()).isEqualTo(201);
    }
}
