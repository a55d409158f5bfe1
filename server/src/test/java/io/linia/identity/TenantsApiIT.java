package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The provider's tenant directory (ID-1): create with a first admin, list, edit, suspend, resume. */
@IntegrationTest
class TenantsApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    Api provider;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        provider = api.as(TestTenants.providerToken(api));
    }

    private static String uniqueCode() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> newTenant(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "Горводоканал " + code);
        m.put("timeZone", "Asia/Yekaterinburg");
        m.put("defaultLanguage", "ru");
        m.put("admin", Map.of("login", "chief", "fullName", "Главный Админ", "email", "chief@example.org"));
        return m;
    }

    @Test
    void providerCreatesATenantWhoseFirstAdminSignsInWithTheOneTimePassword() {
        String code = uniqueCode();
        Api.Response r = provider.post("/api/v1/tenants", newTenant(code));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("tenant").get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("tenant").get("timeZone").asString()).isEqualTo("Asia/Yekaterinburg");
        String oneTime = r.json().get("admin").get("oneTimePassword").asString();

        Api.Response token = api.post("/api/v1/auth/token", Map.of("tenant", code, "login", "chief", "password", oneTime));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.json().get("mustChangePassword").asBoolean()).isTrue();

        // the new tenant has every built-in role but the provider's own
        String id = r.json().get("tenant").get("id").asString();
        long roles = TenantContext.asSystem(() -> jdbc.sql("select count(*) from roles where tenant_id = ?::uuid")
                .param(id).query(Long.class).single());
        assertThat(roles).isEqualTo(BuiltInRole.values().length - 1);
        assertThat(provider.get("/api/v1/tenants/" + id).json().get("name").asString()).startsWith("Горводоканал");
    }

    @Test
    void aDuplicateCodeIsAConflictAndABadFirstAdminLeavesNoTenantBehind() {
        String code = uniqueCode();
        assertThat(provider.post("/api/v1/tenants", newTenant(code)).status()).isEqualTo(201);
        Api.Response dup = provider.post("/api/v1/tenants", newTenant(code));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.field()).isEqualTo("code");

        String other = uniqueCode();
        Map<String, Object> weak = newTenant(other);
        weak.put("admin", Map.of("login", "chief", "fullName", "X", "password", "123"));
        Api.Response r = provider.post("/api/v1/tenants", weak);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("password");
        assertThat(jdbc.sql("select count(*) from tenants where code = ?").param(other).query(Long.class).single()).isZero();
    }

    @Test
    void badInputNamesTheField() {
        Map<String, Object> badCode = newTenant("Bad Code!");
        assertThat(provider.post("/api/v1/tenants", badCode).field()).isEqualTo("code");
        Map<String, Object> badZone = newTenant(uniqueCode());
        badZone.put("timeZone", "Mars/Olympus");
        Api.Response zone = provider.post("/api/v1/tenants", badZone);
        assertThat(zone.status()).isEqualTo(422);
        assertThat(zone.field()).isEqualTo("timeZone");
        Map<String, Object> unknown = newTenant(uniqueCode());
        unknown.put("plan", "gold");
        assertThat(provider.post("/api/v1/tenants", unknown).status()).isEqualTo(400);
        assertThat(provider.get("/api/v1/tenants/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(provider.get("/api/v1/tenants?after=***").field()).isEqualTo("after");
    }

    @Test
    void listFiltersByCodeOrNameAndPages() {
        String prefix = "pg-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> t = newTenant(prefix + "-" + i);
            t.remove("admin");
            provider.post("/api/v1/tenants", t);
        }
        Api.Response page1 = provider.get("/api/v1/tenants?q=" + prefix + "&limit=2");
        assertThat(page1.json().get("items").size()).isEqualTo(2);
        assertThat(page1.json().get("items").get(0).get("code").asString()).isEqualTo(prefix + "-0");
        Api.Response page2 = provider.get("/api/v1/tenants?q=" + prefix + "&limit=2&after=" + page1.json().get("next").asString());
        assertThat(page2.json().get("items").size()).isEqualTo(1);
        assertThat(page2.json().get("next").isNull()).isTrue();
    }

    @Test
    void suspendingStopsSignInAndLiveTokensAndResumingRestoresThem() {
        TestTenant acme = tenants.create();
        String adminToken = acme.token(api, "admin");
        Api acmeAdmin = api.as(adminToken);
        assertThat(acmeAdmin.get("/api/v1/users").status()).isEqualTo(200);

        Api.Response suspended = provider.post("/api/v1/tenants/" + acme.id().value() + "/suspend", null);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        assertThat(acmeAdmin.get("/api/v1/users").status()).isEqualTo(401);
        Api.Response signIn = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "admin",
                "password", TestTenants.PASSWORD));
        assertThat(signIn.status()).isEqualTo(401);

        provider.post("/api/v1/tenants/" + acme.id().value() + "/resume", null);
        assertThat(acmeAdmin.get("/api/v1/users").status()).isEqualTo(200);

        Api.Response edited = provider.patch("/api/v1/tenants/" + acme.id().value(), Map.of("name", "Acme Ltd"));
        assertThat(edited.json().get("name").asString()).isEqualTo("Acme Ltd");
        String actions = String.join(",", TenantContext.asSystem(() -> jdbc.sql("""
                select action from audit_log where resource_id = ? order by id""").param(acme.id().value().toString())
                .query(String.class).list()));
        assertThat(actions).contains("tenant.suspend", "tenant.resume", "tenant.update");
    }

    @Test
    void theProvidersOwnTenantCannotBeSuspended() {
        String id = jdbc.sql("select id::text from tenants where code = 'provider'").query(String.class).single();
        Api.Response r = provider.post("/api/v1/tenants/" + id + "/suspend", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("provider_tenant");
    }

    @Test
    void aTenantAdminCannotSeeOrTouchTenants() {
        TestTenant acme = tenants.create();
        TestTenant other = tenants.create();
        Api acmeAdmin = api.as(acme.token(api, "admin"));
        assertThat(acmeAdmin.get("/api/v1/tenants").status()).isEqualTo(403);
        assertThat(acmeAdmin.get("/api/v1/tenants/" + other.id().value()).status()).isEqualTo(403);
        assertThat(acmeAdmin.post("/api/v1/tenants/" + other.id().value() + "/suspend", null).status()).isEqualTo(403);
        assertThat(acmeAdmin.post("/api/v1/tenants", newTenant(uniqueCode())).status()).isEqualTo(403);
    }
}
