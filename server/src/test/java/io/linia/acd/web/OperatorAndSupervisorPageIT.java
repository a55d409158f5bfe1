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
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7's browser test, both sides at once in a real headless Chromium: an operator works a
 * call on the workstation (WS-2..7) while the supervisor's live view (RT-7, ACD-11), open in a
 * second window, shows every state change by push — goes free, a simulated call from a known
 * customer rings and the card pops with its history, the operator answers, registers a request,
 * pauses and resumes the recording, holds, transfers the caller to a colleague after consulting
 * them (attended transfer), wraps up with a result code, and then dials a customer out.
 */
@IntegrationTest
class OperatorAndSupervisorPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    Api admin;
    Api operator;
    Api colleague;
    UUID opId;
    UUID colleagueId;
    String queueId;
    String customerId;
    BrowserContext opContext;
    BrowserContext svContext;
    Page desk;
    Page board;

    @BeforeEach
    void setUp() {
        Api api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("op", "operator");
        colleagueId = acme.user("op2", "operator");
        UUID boss = acme.user("boss", "project_group_manager");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201", "fullName", "Анна Операторова"));
        admin.patch("/api/v1/users/" + colleagueId, Map.of("extension", "202", "fullName", "Борис Коллегов"));
        admin.patch("/api/v1/users/" + boss, Map.of("extension", "401"));
        operator = api.as(acme.token(api, "op"));
        colleague = api.as(acme.token(api, "op2"));
        queueId = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная",
                "ringTimeoutSeconds", 60, "wrapUpSeconds", 300)).json().get("id").asString();
        String q200 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Поддержка",
                "ringTimeoutSeconds", 60)).json().get("id").asString();
        // the colleague works in the other queue, so only the operator takes calls to 100
        assertThat(colleague.put("/api/v1/agent/queues/" + q200, null).status()).isEqualTo(200);

        UUID pm = acme.user("pm", "project_manager");
        Api manager = api.as(acme.token(api, "pm"));
        Api.Response p = manager.post("/api/v1/projects", Map.of("code", "HOT", "name", "Горячая линия",
                "managers", List.of(pm)));
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        Api.Response c = operator.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Сидорова",
                "firstName", "Мария", "phones", List.of(Map.of("number", "+7 495 765-43-21"))));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        customerId = c.json().get("id").asString();
        Api.Response r = operator.post("/api/v1/requests", Map.of("projectId", p.json().get("id").asString(),
                "subject", "Перерасчёт за отопление", "customerId", customerId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);

        svContext = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        board = svContext.newPage();
        Browsers.signIn(board, port, acme.code(), "boss", TestTenants.PASSWORD);
        board.navigate("http://localhost:" + port + "/supervisor");
        assertThat(board.locator("#sv-status")).hasText("В реальном времени");

        opContext = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        desk = opContext.newPage();
        Browsers.signIn(desk, port, acme.code(), "op", TestTenants.PASSWORD);
    }

    @AfterEach
    void close() {
        for (Page p : new Page[] {desk, board}) {
            if (p != null && !p.isClosed()) {
                p.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Paths.get("target",
                        "browser-screenshots", "operator-and-supervisor-" + (p == desk ? "desk" : "board") + ".png")));
            }
        }
        opContext.close();
        svContext.close();
    }

    private Locator boardState(UUID agent) {
        return board.locator("tr[data-agent='" + agent + "'] .sv-state");
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    @Test
    void anOperatorWorksACallWhileTheSupervisorWatchesEveryStep() {
        assertThat(desk.locator("#ws-state")).hasText("Не в сети");
        assertThat(boardState(opId)).hasText("Не в сети");

        // WS-2: joins the queue and is free — on both screens
        desk.check("#ws-queues input[data-number='100']");
        assertThat(desk.locator("#ws-state")).hasText("Свободен");
        assertThat(boardState(opId)).hasText("Свободен");

        // a known customer calls: the card pops with the request on it; the board shows the ringing
        Api.Response placed = admin.post("/api/v1/sim/calls", Map.of("caller", "+74957654321", "dialled", "100"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String callId = placed.json().get("callId").asString();
        assertThat(desk.locator("#ws-incoming")).isVisible();
        assertThat(desk.locator("#ws-customer-name")).hasText("Сидорова Мария");
        assertThat(desk.locator("#ws-history li[data-type=request]")).containsText("Перерасчёт за отопление");
        assertThat(boardState(opId)).hasText("Входящий");

        // answers: talking on both screens, the board shows the caller and the queue
        desk.click("#ws-answer");
        assertThat(desk.locator("#ws-state")).hasText("Разговор");
        assertThat(boardState(opId)).hasText("Разговор");
        assertThat(board.locator("tr[data-agent='" + opId + "'] .sv-call")).containsText("+74957654321");

        // WS-7: a request registered from the call
        desk.fill("#ws-request-subject", "Нет горячей воды");
        desk.click("#ws-request-save");
        assertThat(desk.locator("#ws-request-link")).isVisible();
        Api.Response found = operator.get("/api/v1/requests?q=горячей");
        assertThat(found.json().get("items").get(0).get("callId").asString()).isEqualTo(callId);

        // SEC-7: the recording paused and resumed
        desk.click("#ws-rec");
        assertThat(desk.locator("#ws-rec-state")).hasText("Запись приостановлена");
        desk.click("#ws-rec");
        assertThat(desk.locator("#ws-rec-state")).hasText("Идёт запись");

        // hold and back: the board follows
        desk.click("#ws-hold");
        assertThat(desk.locator("#ws-state")).hasText("Удержание");
        assertThat(boardState(opId)).hasText("Удержание");
        desk.click("#ws-hold");
        assertThat(boardState(opId)).hasText("Разговор");

        // WS-3 attended transfer: consult the colleague (the caller waits on hold), then hand over
        advance(30);
        desk.click("#ws-transfer-open");
        desk.check("#ws-transfer input[name=target][value=agent]");
        desk.selectOption("#ws-transfer-agent", colleagueId.toString());
        desk.check("#ws-transfer input[name=kind][value=attended]");
        desk.click("#ws-transfer-form button[type=submit]");
        assertThat(desk.locator("#ws-state")).hasText("Консультация");
        assertThat(boardState(opId)).hasText("Консультация");
        assertThat(boardState(colleagueId)).hasText("Входящий");
        String consult = operator.get("/api/v1/agent/state").json().get("consultCallId").asString();
        assertThat(colleague.post("/api/v1/agent/calls/" + consult + "/answer", null).status()).isEqualTo(200);
        assertThat(boardState(colleagueId)).hasText("Разговор");
        assertThat(desk.locator("#ws-consult-complete")).isVisible();
        desk.click("#ws-consult-complete");
        assertThat(desk.locator("#ws-state")).hasText("Поствызывная обработка");
        assertThat(boardState(opId)).hasText("Поствызывная обработка");
        assertThat(boardState(colleagueId)).hasText("Разговор");
        assertThat(board.locator("tr[data-agent='" + colleagueId + "'] .sv-call")).containsText("+74957654321");

        // wrap-up with a result code: free again on both screens
        desk.selectOption("#ws-wrapup-code", "request_registered");
        desk.fill("#ws-wrapup-comment", "Заявка на горячую воду, передана Борису");
        desk.click("#ws-wrapup-save");
        assertThat(desk.locator("#ws-state")).hasText("Свободен");
        assertThat(boardState(opId)).hasText("Свободен");
        Api.Response details = operator.get("/api/v1/agent/calls/" + callId);
        assertThat(details.json().get("resultCode").asString()).isEqualTo("request_registered");

        // a pause from the desk reaches the board with its reason
        desk.selectOption("#ws-reason", "lunch");
        desk.click("#ws-pause");
        assertThat(boardState(opId)).containsText("Пауза");
        assertThat(boardState(opId)).containsText("Обед");

        // WS-3 outbound: dial a number while paused; the far end answers 3 s later on the virtual clock
        desk.fill("#ws-dial-number", "+74951112233");
        desk.click("#ws-dial button[type=submit]");
        assertThat(desk.locator("#ws-state")).hasText("Набор номера");
        assertThat(boardState(opId)).hasText("Набор номера");
        advance(3);
        assertThat(desk.locator("#ws-state")).hasText("Разговор");
        assertThat(desk.locator("#ws-call-caller")).hasText("+74951112233");
        assertThat(boardState(opId)).hasText("Разговор");
        advance(20);
        desk.click("#ws-hangup");
        // a paused operator is paused again after the call (docs/acd.md)
        assertThat(desk.locator("#ws-state")).containsText("Пауза");
        assertThat(boardState(opId)).containsText("Обед");
        assertThat(operator.get("/calls/statistics/current").json().get("outgoing").asInt()).isEqualTo(1);
    }
}
