package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.BrowserSession;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SEC-4: an administrator's idle session or sign-in token ends after 15 minutes; an operator's does not. */
@IntegrationTest
class IdleTimeoutIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    Api api;
    TestTenant acme;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
    }

    @Test
    void anAdminTokenIdleForSixteenMinutesEnds() {
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(16));
        Api.Response r = admin.get("/api/v1/auth/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("session_expired");
        assertThat(admin.get("/api/v1/auth/me").code()).isEqualTo("invalid_token");
    }

    @Test
    void anActiveAdminStaysSignedIn() {
        Api admin = api.as(acme.token(api, "admin"));
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(200);
        }
    }

    @Test
    void anOperatorIsNotSubjectToTheAdminTimeout() {
        Api operator = api.as(acme.token(api, "op"));
        clock.advance(Duration.ofMinutes(16));
        assertThat(operator.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void anAdminBrowserSessionIdleForSixteenMinutesEndsAndTheOperatorsDoesNot() {
        BrowserSession adminBrowser = BrowserSession.signIn(api, acme.code(), "admin", TestTenants.PASSWORD);
        BrowserSession operatorBrowser = BrowserSession.signIn(api, acme.code(), "op", TestTenants.PASSWORD);
        assertThat(adminBrowser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
        assertThat(operatorBrowser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> expired = adminBrowser.get("/api/v1/auth/me");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("session_expired");
        assertThat(operatorBrowser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
    }
}
