package io.linia.realtime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** RT-7 in a real Chromium: the wallboard follows calls and agents by push, in Russian. */
@IntegrationTest
class WallboardPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    BrowserContext context;
    Page page;

    @AfterEach
    void close() {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(java.nio.file.Paths.get("target", "browser-screenshots", "wallboard.png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theWallboardShowsACallWaitingThenTheOperatorTalkingWithoutReloading() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID op = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + op, Map.of("extension", "201"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная")).json()
                .get("id").asString();

        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
        page.click("nav >> text=Табло");
        assertThat(page.locator("h1")).hasText("Табло");
        assertThat(page.locator("#wb-status")).hasText("В реальном времени");
        assertThat(page.locator("article[data-queue='100'] [data-role=waiting]")).hasText("0");

        String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000001", "dialled", "100"))
                .json().get("callId").asString();
        assertThat(page.locator("article[data-queue='100'] [data-role=waiting]")).hasText("1");

        Api operator = api.as(acme.token(api, "op"));
        operator.put("/api/v1/agent/queues/" + queue, null);
        assertThat(page.locator("article[data-queue='100'] [data-role=offline]")).hasText("0");
        operator.post("/api/v1/agent/calls/" + callId + "/answer", null);
        assertThat(page.locator("tr[data-agent='" + op + "'] .wb-state")).hasText("Разговор");
        assertThat(page.locator("article[data-queue='100'] [data-role=waiting]")).hasText("0");
        assertThat(page.locator("article[data-queue='100'] [data-role=answered]")).hasText("0");
        operator.post("/api/v1/agent/calls/" + callId + "/hangup", null);
        assertThat(page.locator("article[data-queue='100'] [data-role=answered]")).hasText("1");
        assertThat(page.locator("tr[data-agent='" + op + "'] .wb-state")).hasText("Свободен");
        // RT-7: signed out, the operator counts as offline on the queue's tile (in it today)
        operator.put("/api/v1/agent/state", Map.of("state", "OFFLINE"));
        assertThat(page.locator("article[data-queue='100'] [data-role=offline]")).hasText("1");
    }
}
