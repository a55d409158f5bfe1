package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.identity.internal.InactiveAccounts;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SEC-3: accounts unused for the tenant's period (default 90 days) are disabled, with history kept. */
@IntegrationTest
class InactiveAccountsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    InactiveAccounts inactive;
    @Autowired
    JdbcClient jdbc;

    @Test
    void unusedAccountsAreDisabledButSignInsAndApiTokensKeepAccountsAlive() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID idle = acme.user("idle", "operator");
        acme.user("worker", "operator");
        UUID robot = acme.user("robot", "operator");
        Api admin = api.as(acme.token(api, "admin"));
        String robotToken = admin.post("/api/v1/api-tokens", Map.of("name", "CRM", "userId", robot.toString(),
                "scopes", List.of("STATUS_VIEW"))).json().get("token").asString();

        clock.advance(Duration.ofDays(60));
        acme.token(api, "worker");
        assertThat(api.as(robotToken).get("/api/v1/auth/me").status()).isEqualTo(200);
        admin = api.as(acme.token(api, "admin"));
        assertThat(inactive.disable(acme.id())).isZero();

        clock.advance(Duration.ofDays(31));
        assertThat(inactive.disable(acme.id())).isEqualTo(1);
        Api.Response idleSignIn = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "idle",
                "password", TestTenants.PASSWORD));
        assertThat(idleSignIn.status()).isEqualTo(401);
        assertThat(idleSignIn.code()).isEqualTo("account_disabled");
        admin = api.as(acme.token(api, "admin"));
        assertThat(admin.get("/api/v1/users/" + idle).json().get("status").asString()).isEqualTo("disabled");
        assertThat(admin.get("/api/v1/users?status=disabled").json().get("items").size()).isEqualTo(1);

        String audited = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select actor_login || ' ' || result from audit_log where tenant_id = ? and action = 'user.disable_inactive'")
                .param(acme.id().value()).query(String.class).single());
        assertThat(audited).isEqualTo("system success");

        // an administrator re-enables the account: it gets a fresh period, not an instant relapse
        assertThat(admin.post("/api/v1/users/" + idle + "/unblock", null).json().get("status").asString()).isEqualTo("active");
        assertThat(inactive.disable(acme.id())).isZero();
        assertThat(acme.token(api, "idle")).isNotBlank();
    }

    @Test
    void aTenantMayShortenThePeriod() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        acme.user("idle", "operator");
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.put("/api/v1/security-policy", Map.of("disableUnusedDays", 30)).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(31));
        assertThat(inactive.disable(acme.id())).isEqualTo(2); // the admin, too, has been away for 31 days
    }
}
