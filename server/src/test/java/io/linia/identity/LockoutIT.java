package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SEC-2: six failed sign-ins lock the account for 30 minutes unless an admin unlocks it. */
@IntegrationTest
class LockoutIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    Api api;
    TestTenant acme;
    UUID bob;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        bob = acme.user("bob", "operator");
    }

    private Api.Response signIn(String password) {
        return api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "bob", "password", password));
    }

    private void failSixTimes() {
        for (int i = 0; i < 6; i++) {
            assertThat(signIn("wrong-" + i).status()).isEqualTo(401);
        }
    }

    @Test
    void sixFailuresLockEvenTheRightPasswordUntilTheLockExpires() {
        failSixTimes();
        Api.Response locked = signIn(TestTenants.PASSWORD);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.code()).isEqualTo("account_locked");

        clock.advance(Duration.ofMinutes(29));
        assertThat(signIn(TestTenants.PASSWORD).code()).isEqualTo("account_locked");
        clock.advance(Duration.ofMinutes(2));
        assertThat(signIn(TestTenants.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void fiveFailuresAndASuccessResetTheCount() {
        for (int i = 0; i < 5; i++) {
            signIn("wrong");
        }
        assertThat(signIn(TestTenants.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            signIn("wrong");
        }
        assertThat(signIn(TestTenants.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAdminUnlocksAtOnceAndAnotherTenantsAdminCannot() {
        failSixTimes();
        Api intruder = api.as(tenants.create().token(api, "admin"));
        assertThat(intruder.post("/api/v1/users/" + bob + "/unlock", null).status()).isEqualTo(404);
        assertThat(signIn(TestTenants.PASSWORD).code()).isEqualTo("account_locked");

        Api admin = api.as(acme.token(api, "admin"));
        Api.Response unlocked = admin.post("/api/v1/users/" + bob + "/unlock", null);
        assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
        assertThat(signIn(TestTenants.PASSWORD).status()).isEqualTo(200);
    }
}
