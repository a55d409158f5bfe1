package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SEC-1, SEC-2: tenant policies tighten the provider's, the PCI profile, history and maximum age. */
@IntegrationTest
class SecurityPolicyIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    Api api;
    TestTenant acme;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
    }

    private Api.Response createUser(String login, String password) {
        Map<String, Object> body = new HashMap<>(Map.of("login", login, "fullName", "U " + login, "roles", java.util.List.of("operator")));
        body.put("password", password);
        return admin.post("/api/v1/users", body);
    }

    @Test
    void thePciProfileRefusesPasswordsItsRulesForbid() {
        assertThat(createUser("a1", "abcdefgh12").status()).isEqualTo(201);

        Api.Response pci = admin.post("/api/v1/security-policy/profiles/pci", null);
        assertThat(pci.status()).as(pci.toString()).isEqualTo(200);
        assertThat(pci.json().get("effective").get("minLength").asInt()).isEqualTo(12);
        assertThat(pci.json().get("effective").get("maxFailedLogins").asInt()).isEqualTo(6);

        assertThat(createUser("a2", "abcdefgh12").code()).isEqualTo("password_too_short");
        assertThat(createUser("a3", "abcdefghijklm").code()).isEqualTo("password_needs_digit");
        assertThat(createUser("a4", "123456789012").code()).isEqualTo("password_needs_letter");
        assertThat(createUser("a5", "abcdefghij12").status()).isEqualTo(201);

        // another tenant keeps the provider's policy
        Api other = api.as(tenants.create().token(api, "admin"));
        assertThat(other.get("/api/v1/security-policy").json().get("effective").get("minLength").asInt()).isEqualTo(10);
    }

    @Test
    void aTenantMayTightenButNotWeaken() {
        Api.Response weaker = admin.put("/api/v1/security-policy", Map.of("minLength", 8));
        assertThat(weaker.status()).isEqualTo(422);
        assertThat(weaker.code()).isEqualTo("weaker_than_provider");
        assertThat(weaker.field()).isEqualTo("minLength");

        Api.Response moreTries = admin.put("/api/v1/security-policy", Map.of("maxFailedLogins", 20));
        assertThat(moreTries.field()).isEqualTo("maxFailedLogins");

        Api.Response stricter = admin.put("/api/v1/security-policy", Map.of("minLength", 14, "requireSymbols", true,
                "maxFailedLogins", 3));
        assertThat(stricter.status()).isEqualTo(200);
        assertThat(stricter.json().get("effective").get("minLength").asInt()).isEqualTo(14);
        assertThat(createUser("b1", "abcdefghijk12").code()).isEqualTo("password_too_short");
        assertThat(createUser("b2", "abcdefghijklm12").code()).isEqualTo("password_needs_symbol");

        // three failures now lock
        acme.user("c1", "operator");
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "c1", "password", "wrong"));
        }
        assertThat(api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "c1",
                "password", TestTenants.PASSWORD)).code()).isEqualTo("account_locked");
    }

    @Test
    void outOfRangeSettingsAreA400NamingTheField() {
        Api.Response r = admin.put("/api/v1/security-policy", Map.of("minLength", 4));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("minLength");
    }

    @Test
    void theLastPasswordsCannotBeReused() {
        acme.user("h1", "operator");
        Api user = api.as(acme.token(api, "h1"));
        assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", TestTenants.PASSWORD,
                "newPassword", "Second-pass-2")).status()).isEqualTo(204);
        Api.Response back = user.post("/api/v1/auth/password", Map.of("currentPassword", "Second-pass-2",
                "newPassword", TestTenants.PASSWORD));
        assertThat(back.status()).isEqualTo(422);
        assertThat(back.code()).isEqualTo("password_reused");
    }

    @Test
    void anExpiredPasswordMustBeChangedAtSignIn() {
        assertThat(admin.put("/api/v1/security-policy", Map.of("maxAgeDays", 30)).status()).isEqualTo(200);
        acme.user("old", "operator");
        Map<String, Object> signIn = Map.of("tenant", acme.code(), "login", "old", "password", TestTenants.PASSWORD);
        assertThat(api.post("/api/v1/auth/token", signIn).json().get("mustChangePassword").asBoolean()).isFalse();
        clock.advance(Duration.ofDays(31));
        Api.Response late = api.post("/api/v1/auth/token", signIn);
        assertThat(late.json().get("mustChangePassword").asBoolean()).isTrue();
        Api.Response blocked = api.as(late.json().get("token").asString()).get("/api/v1/users");
        assertThat(blocked.code()).isEqualTo("password_change_required");
    }

    @Test
    void onlyTheProviderSetsThePlatformPolicy() {
        assertThat(admin.get("/api/v1/platform/security-policy").status()).isEqualTo(403);
        String provider = api.post("/api/v1/auth/token", Map.of("tenant", "provider", "login", "admin",
                "password", "Bootstrap-Pass-1")).json().get("token").asString();
        Api.Response r = api.as(provider).get("/api/v1/platform/security-policy");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("effective").get("minLength").asInt()).isEqualTo(10);
    }
}
