package io.linia.acd.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workstation's script panel (WS-6) in a real headless Chromium: a call of a queue with an
 * operator script (ACD-1) shows it, its Markdown rendered and sanitized as knowledge-base articles
 * are; the next call, of a queue without a script, shows "not configured".
 */
@IntegrationTest
class QueueScriptPageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    BrowserContext context;
    Page page;

    @AfterEach
    void close() {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("workstation-script.png"))
                    .setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aCallOfAQueueWithAScriptShowsItOnTheDesk() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID opId = acme.user("op", "operator");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        Api operator = api.as(acme.token(api, "op"));
        Api.Response q = admin.post("/api/v1/queues", Map.of("number", "800", "name", "Sales",
                "ringTimeoutSeconds", 120, "script",
                "## Greeting\nSay **hello**.\n\n- ask for the contract\n\n<img src=x onerror=alert(1)><script>window.hacked=1</script>"));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        String sales = q.json().get("id").asString();
        String plain = admin.post("/api/v1/queues", Map.of("number", "801", "name", "Plain", "ringTimeoutSeconds", 120))
                .json().get("id").asString();
        operator.put("/api/v1/agent/queues/" + sales, null);
        operator.put("/api/v1/agent/queues/" + plain, null);

        context = Browsers.chromium().newContext(new Browser.NewContextOptions().setViewportSize(1360, 768).setLocale("en-US"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/workstation?lang=en");
        assertThat(page.locator("#ws-script")).containsText("Not configured");
        assertThat(page.locator("#ws-survey-later")).containsText("Survey forms");

        // a call of the queue rings at the operator: the script is on the desk
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951112233", "dialled", "800"))
                .json().get("callId").asString();
        assertThat(page.locator("#ws-script h2")).hasText("Greeting");
        assertThat(page.locator("#ws-script strong")).hasText("hello");
        assertThat(page.locator("#ws-script li")).hasText("ask for the contract");
        assertThat(page.locator("#ws-script script")).hasCount(0);
        assertThat(page.locator("#ws-script [onerror]")).hasCount(0);
        assertThat(page.evaluate("() => window.hacked === undefined")).isEqualTo(true);

        // the caller gives up; the next call, of a queue without a script, replaces it on the desk
        assertThat(admin.post("/api/v1/sim/calls/" + call + "/hangup", null).status()).isEqualTo(200);
        String other = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951112234", "dialled", "801"))
                .json().get("callId").asString();
        assertThat(page.locator("#ws-call-queue")).hasText("Plain");
        assertThat(page.locator("#ws-script")).containsText("Not configured");
        assertThat(page.locator("#ws-script strong")).hasCount(0);
        // and after a reload the ringing call is read anew, still without a script
        page.reload();
        assertThat(page.locator("#ws-call-queue")).hasText("Plain");
        assertThat(page.locator("#ws-script")).containsText("Not configured");
        admin.post("/api/v1/sim/calls/" + other + "/hangup", null);
    }
}
