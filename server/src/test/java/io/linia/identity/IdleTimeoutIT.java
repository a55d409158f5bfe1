package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void anAdminBrowserSessionIdleForSixteenMinutesEndsAndTheOperatorsDoesNot() throws Exception {
        HttpClient adminBrowser = signedInBrowser("admin");
        HttpClient operatorBrowser = signedInBrowser("op");
        assertThat(get(adminBrowser, "/api/v1/auth/me").statusCode()).isEqualTo(200);
        assertThat(get(operatorBrowser, "/api/v1/auth/me").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> expired = get(adminBrowser, "/api/v1/auth/me");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("session_expired");
        assertThat(get(operatorBrowser, "/api/v1/auth/me").statusCode()).isEqualTo(200);
    }

    private HttpClient signedInBrowser(String login) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = get(browser, "/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "tenant=" + acme.code() + "&username=" + login + "&password="
                + URLEncoder.encode(TestTenants.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(api.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(api.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
