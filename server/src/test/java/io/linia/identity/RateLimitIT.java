package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * SEC-9 rate limits with small limits, in an application context of its own (the shared one
 * sets them out of reach). Sign-in per account and per address; API calls per caller.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "linia.rate-limit.login-per-account=5",
        "linia.rate-limit.login-per-address=12",
        "linia.rate-limit.api-per-caller=20"})
class RateLimitIT {

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

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        clock.advance(Duration.ofMinutes(5)); // every bucket of an earlier test is full again
    }

    private Api.Response signIn(String login, String password) {
        return api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", login, "password", password));
    }

    @Test
    void signInsToOneAccountAreLimitedEvenWithTheRightPasswordAndTheLimitRefills() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("ghost", "wrong-" + i).status()).isEqualTo(401);
        }
        Api.Response throttled = signIn("ghost", "wrong");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("too_many_attempts");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
        // another account is not affected
        assertThat(signIn("admin", TestTenants.PASSWORD).status()).isEqualTo(200);

        long audited = io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql(
                "select count(*) from audit_log where tenant_id = ? and action = 'login' and result = 'rate_limited'")
                .param(acme.id().value()).query(Long.class).single());
        assertThat(audited).isEqualTo(1);

        clock.advance(Duration.ofSeconds(Integer.parseInt(throttled.header("Retry-After"))));
        assertThat(signIn("ghost", "wrong").status()).isEqualTo(401);
    }

    @Test
    void signInsFromOneAddressAreLimitedAcrossAccounts() {
        int answered = 0;
        Api.Response last = null;
        for (int i = 0; i < 13; i++) {
            last = signIn("user" + i, "wrong");
            if (last.status() == 401) {
                answered++;
            }
        }
        assertThat(answered).isEqualTo(12);
        assertThat(last.status()).isEqualTo(429);
    }

    @Test
    void apiCallsOfOneCallerAreLimitedWithHeadersThatTellThePace() {
        Api admin = api.as(acme.token(api, "admin"));
        Api.Response first = admin.get("/api/v1/auth/me");
        assertThat(first.header("RateLimit-Limit")).isEqualTo("20");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("19");
        for (int i = 0; i < 19; i++) {
            assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(200);
        }
        Api.Response throttled = admin.get("/api/v1/auth/me");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("too_many_requests");
        assertThat(throttled.header("Retry-After")).isEqualTo("3");

        // another caller of the same tenant has its own bucket
        acme.user("op", "operator");
        assertThat(api.as(acme.token(api, "op")).get("/api/v1/auth/me").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3));
        assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(200);
    }
}
