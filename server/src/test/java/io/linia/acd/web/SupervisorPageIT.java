package io.linia.acd.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor's live view in a real Chromium (RT-7, ACD-11, ACD-2): it follows agents by push,
 * its controls reach the agent, a threshold colours a tile (with a word, not colour alone), and
 * agents are moved between queues from the page.
 */
@IntegrationTest
class SupervisorPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;
    Api operator;
    UUID opId;
    String q100;
    String q200;
    BrowserContext context;
    Page page;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201", "fullName", "Анна Операторова"));
        UUID boss = acme.user("boss", "project_group_manager");
        admin.patch("/api/v1/users/" + boss, Map.of("extension", "401"));
        operator = api.as(acme.token(api, "op"));
        q100 = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная", "wrapUpSeconds", 0))
                .json().get("id").asString();
        q200 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Поддержка", "wrapUpSeconds", 0))
                .json().get("id").asString();
    }

    @AfterEach
    void close() {
        if (page != null && !page.isClosed()) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "browser-screenshots", "supervisor.png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    private void open(int width, int height) {
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("ru-RU"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "boss", TestTenants.PASSWORD);
        page.click("nav >> text=Супервизор");
        assertThat(page.locator("h1")).hasText("Супервизор");
        assertThat(page.locator("#sv-status")).hasText("В реальном времени");
    }

    private Locator row() {
        return page.locator("tr[data-agent='" + opId + "']");
    }

    private Locator menu() {
        Locator details = row().locator("details.sv-menu");
        if (details.getAttribute("open") == null) {
            row().locator("summary").click();
        }
        return details;
    }

    @Test
    void agentsChangesShowByPushAndAForcedPauseFromThePageReachesTheAgent() {
        open(1360, 768);
        assertThat(row().locator(".sv-state")).hasText("Не в сети");
        Locator tile100 = page.locator("article[data-queue='100']");
        assertThat(tile100.locator("[data-role=offline]")).hasText("0");
        assertThat(tile100.locator("[data-role=offline] + *")).hasText("Не в сети");

        operator.put("/api/v1/agent/queues/" + q100, null);
        assertThat(row().locator(".sv-state")).hasText("Свободен");
        assertThat(tile100.locator("[data-role=free]")).hasText("1");
        assertThat(row().locator(".sv-queues")).hasText("100");
        operator.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break"));
        assertThat(row().locator(".sv-state")).hasText("Пауза (Перерыв / Break)");
        assertThat(page.locator("#sv-announce")).containsText("Пауза");
        operator.put("/api/v1/agent/state", Map.of("state", "FREE"));
        assertThat(row().locator(".sv-state")).hasText("Свободен");

        // keyboard: the menu opens from its summary with Enter, and the reason is chosen there
        row().locator("summary").focus();
        page.keyboard().press("Enter");
        Locator m = row().locator("details.sv-menu");
        m.locator("select[data-role=reason]").selectOption("lunch");
        m.locator("button[data-action=pause]").click();
        assertThat(page.locator("#sv-message")).hasText("Готово");
        assertThat(row().locator(".sv-state")).hasText("Пауза (Обед / Lunch)");
        Api.Response state = operator.get("/api/v1/agent/state");
        assertThat(state.json().get("state").asString()).isEqualTo("PAUSED");
        assertThat(state.json().get("reason").asString()).isEqualTo("lunch");

        menu().locator("button[data-action=free]").click();
        assertThat(row().locator(".sv-state")).hasText("Свободен");
        assertThat(operator.get("/api/v1/agent/state").json().get("state").asString()).isEqualTo("FREE");

        menu().locator("button[data-action=logout]").click();
        assertThat(row().locator(".sv-state")).hasText("Не в сети");
        // RT-7: the tile counts the logged-out agent as offline (in the queue today), by push
        assertThat(tile100.locator("[data-role=offline]")).hasText("1");
        assertThat(tile100.locator("[data-role=free]")).hasText("0");
        assertThat(operator.get("/api/v1/agent/state").json().get("queues")).isEmpty();
    }

    @Test
    void aQueueIsAddedAndRemovedFromThePage() {
        open(1360, 768);
        operator.put("/api/v1/agent/queues/" + q100, null);
        assertThat(row().locator(".sv-queues")).hasText("100");
        Locator m = menu();
        m.locator("select[data-role=add-queue]").selectOption(q200);
        m.locator("button[data-action=add]").click();
        assertThat(row().locator(".sv-queues")).hasText("100, 200");
        assertThat(page.locator("article[data-queue='200'] [data-role=free]")).hasText("1");
        menu().locator("button[data-action=remove][data-queue='200']").click();
        assertThat(row().locator(".sv-queues")).hasText("100");
        assertThat(operator.get("/api/v1/agent/state").json().get("queues")).hasSize(1);
    }

    @Test
    void aThresholdColoursATileWithAWordAndScreenshotsAreTakenAtBothSizes() {
        open(1360, 768);
        Locator tile = page.locator("article[data-queue='100']");
        assertThat(tile).hasAttribute("data-level", "ok");
        assertThat(tile.locator("[data-role=level]")).containsText("Норма");

        tile.locator("button.sv-edit").click();
        page.fill("#sv-thresholds input[name=waitingAlarm]", "2");
        page.click("#sv-thresholds button[type=submit]");
        assertThat(page.locator("#sv-thresholds")).isHidden();

        admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000001", "dialled", "100"));
        assertThat(tile.locator("[data-role=waiting]")).hasText("1");
        assertThat(tile).hasAttribute("data-level", "warn"); // the default warning: a call waits
        assertThat(tile.locator("[data-role=level]")).containsText("Внимание");
        admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000002", "dialled", "100"));
        assertThat(tile.locator("[data-role=waiting]")).hasText("2");
        assertThat(tile).hasAttribute("data-level", "alarm");
        assertThat(tile.locator("[data-role=level]")).containsText("Тревога");

        // a live picture for the screenshots: the operator takes the first call, the other waits
        operator.put("/api/v1/agent/queues/" + q100, null);
        String ringing = operator.get("/api/v1/agent/state").json().get("callId").asString();
        operator.post("/api/v1/agent/calls/" + ringing + "/answer", null);
        assertThat(row().locator(".sv-call")).hasText("+74950000001 → 100");
        assertThat(tile).hasAttribute("data-level", "warn");
        Locator m = menu();
        m.locator("button[data-action=listen]").click();
        assertThat(m.locator(".sv-note")).hasText("Вы в звонке: слушаете");
        assertThat(admin.get("/api/v1/sim/calls/" + ringing).json().get("monitors").get(0).get("endpoint").asString())
                .isEqualTo("401");
        assertThat(m.locator("button[data-action=free]")).isDisabled(); // talking: not to be made free
        shoot("1360x768");
        context.close();
        open(1920, 1080);
        assertThat(row().locator(".sv-call")).hasText("+74950000001 → 100");
        shoot("1920x1080");
        operator.post("/api/v1/agent/calls/" + ringing + "/hangup", null);
    }

    private void shoot(String size) {
        page.keyboard().press("Escape"); // the open menu closes; the picture shows the whole board
        page.evaluate("window.scrollTo(0, 0)");
        io.linia.test.browser.Screenshots.docs(page, "supervisor-" + size);
    }
}
