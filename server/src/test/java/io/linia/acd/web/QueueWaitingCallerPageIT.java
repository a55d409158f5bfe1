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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The queue editor's group "Waiting caller" in a real headless Chromium (ACD-1): music-on-hold
 * class (a refused one shown at its field), announcements, the operator script (WS-6) and the
 * knowledge topic chosen from the organization's topics (WS-5), saved and read back after a reload.
 */
@IntegrationTest
class QueueWaitingCallerPageIT {

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
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("queue-waiting-caller.png"))
                    .setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    private void open(TestTenant tenant, String locale) {
        context = Browsers.chromium().newContext(new Browser.NewContextOptions().setViewportSize(1360, 768).setLocale(locale));
        page = context.newPage();
        Browsers.signIn(page, port, tenant.code(), "admin", TestTenants.PASSWORD);
    }

    private String error(String selector) {
        String ids = page.locator(selector).getAttribute("aria-describedby");
        assertThat(ids).as("the error is tied to " + selector).isNotBlank();
        String[] all = ids.split(" ");
        return page.locator("#" + all[all.length - 1]).textContent();
    }

    @Test
    void theWaitingCallersSettingsTheScriptAndTheTopicAreSavedAndReadBack() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        String billing = admin.post("/api/v1/kb/topics", Map.of("name", "Billing")).json().get("id").asString();
        Map<String, Object> sub = new HashMap<>();
        sub.put("name", "Refunds");
        sub.put("parentId", billing);
        sub.put("readerRoles", List.of());
        String refunds = admin.post("/api/v1/kb/topics", sub).json().get("id").asString();
        TestTenant other = tenants.create();
        api.as(other.token(api, "admin")).post("/api/v1/kb/topics", Map.of("name", "Someone else's topic"));

        open(acme, "en-US");
        page.navigate("http://localhost:" + port + "/admin/acd/queues/new?lang=en");
        assertThat(page.locator("#q-waiting legend")).hasText("Waiting caller");
        assertThat(page.locator("#q-moh")).hasValue("default");
        assertThat(page.locator("#q-announce-every")).hasValue("60");
        // the organization's topics, with their path; another organization's are not offered
        assertThat(page.locator("#q-kb-topic option")).hasText(new String[] {"— none —", "Billing", "Billing / Refunds"});

        page.fill("#q-number", "700");
        page.fill("#q-name", "Billing line");
        page.fill("#q-moh", "jazz music");
        page.check("#q-announce-position");
        page.check("#q-announce-wait");
        page.fill("#q-announce-every", "30");
        page.fill("#q-script", "## Greeting\nSay **hello** and ask for the contract number.");
        page.selectOption("#q-kb-topic", refunds);
        page.click("#queue-save");
        // 422 from the API at the music class
        assertThat(page.locator("#q-moh")).hasAttribute("aria-invalid", "true");
        assertThat(error("#q-moh")).contains("letters, digits, - or _");

        page.fill("#q-moh", "jazz-music");
        page.click("#queue-save");
        page.waitForURL(url -> url.contains("created=1"));
        assertThat(page.locator("#queue-status")).isVisible();
        String id = page.locator("#queue-form").getAttribute("data-id");
        JsonNode stored = admin.get("/api/v1/queues/" + id).json();
        assertThat(stored.get("mohClass").asString()).isEqualTo("jazz-music");
        assertThat(stored.get("announcePosition").asBoolean()).isTrue();
        assertThat(stored.get("announceExpectedWait").asBoolean()).isTrue();
        assertThat(stored.get("announceEverySeconds").asInt()).isEqualTo(30);
        assertThat(stored.get("script").asString()).contains("Say **hello**");
        assertThat(stored.get("kbTopicId").asString()).isEqualTo(refunds);

        // read back after a reload, then changed once more
        page.reload();
        assertThat(page.locator("#q-moh")).hasValue("jazz-music");
        assertThat(page.locator("#q-announce-position")).isChecked();
        assertThat(page.locator("#q-announce-wait")).isChecked();
        assertThat(page.locator("#q-announce-every")).hasValue("30");
        assertThat(page.locator("#q-script")).hasValue("## Greeting\nSay **hello** and ask for the contract number.");
        assertThat(page.locator("#q-kb-topic")).hasValue(refunds);
        page.uncheck("#q-announce-wait");
        page.fill("#q-announce-every", "5");
        page.click("#queue-save");
        assertThat(page.locator("#q-announce-every")).hasAttribute("aria-invalid", "true");
        assertThat(error("#q-announce-every")).contains("15–600");
        page.fill("#q-announce-every", "120");
        page.selectOption("#q-kb-topic", "");
        page.click("#queue-save");
        assertThat(page.locator("#queue-status")).containsText("Saved");
        stored = admin.get("/api/v1/queues/" + id).json();
        assertThat(stored.get("announceExpectedWait").asBoolean()).isFalse();
        assertThat(stored.get("announceEverySeconds").asInt()).isEqualTo(120);
        assertThat(stored.get("kbTopicId").isNull()).isTrue();
        context.close();

        // in Russian
        open(acme, "ru-RU");
        page.navigate("http://localhost:" + port + "/admin/acd/queues/" + id + "?lang=ru");
        assertThat(page.locator("#q-waiting legend")).hasText("Ожидающий абонент");
        assertThat(page.locator("label:has(#q-kb-topic) span")).hasText("Раздел базы знаний");
        assertThat(page.locator("#q-announce-every")).hasValue("120");
    }
}
