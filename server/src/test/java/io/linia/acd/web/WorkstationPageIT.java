package io.linia.acd.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator workstation in a real headless Chromium (WS-1..8, HA-3): the operator lands on it
 * after sign-in, goes free, a call from a known VIP customer with a past call and a request
 * rings, the card pops with that history, the operator answers by keyboard, pauses and resumes
 * the recording, registers a request, survives a dropped WebSocket and a reload without losing
 * typed text, hangs up and wraps up with a code and a comment; the timer and the day's figures
 * move. Also: the ringing state, the articles of the call's queue and search behind "/" (WS-5),
 * "New customer" matched again on return, a blind transfer from the dialog, the F key, and a call
 * through an IVR with its path and topic on the card (issue 7). In Russian and English; screenshots at 1360×768 and 1920×1080 go to docs/screenshots (Screenshots.docs).
 */
@IntegrationTest
class WorkstationPageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    /**
     * Counts the page's WebSockets so the test can drop them, and can hold new ones off (they
     * connect to a closed port) to keep the page disconnected while the test looks at it.
     */
    static final String SOCKET_SPY = """
            (() => {
              const Real = window.WebSocket;
              window.__sockets = [];
              window.__blockSockets = false;
              window.WebSocket = function (url, protocols) {
                const s = new Real(window.__blockSockets ? 'ws://127.0.0.1:9/blocked' : url, protocols);
                window.__sockets.push(s);
                return s;
              };
              window.WebSocket.prototype = Real.prototype;
              Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            })();
            """;

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    Api admin;
    Api operator;
    String queueId;
    String projectId;
    String customerId;
    BrowserContext context;
    Page page;
    String shot = "workstation";

    @BeforeEach
    void setUp() {
        Api api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        UUID opId = acme.user("op", "operator");
        UUID pmId = acme.user("pm", "project_manager");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        operator = api.as(acme.token(api, "op"));
        Api pm = api.as(acme.token(api, "pm"));
        Api.Response q = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная",
                "ringTimeoutSeconds", 60, "wrapUpSeconds", 300));
        queueId = q.json().get("id").asString();
        // WS-3/WS-4/WS-5: a second queue to transfer to, an IVR whose choice 1 sets a topic, an article for queue 100
        Api.Response q2 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Поддержка"));
        assertThat(q2.status()).as(q2.toString()).isEqualTo(201);
        Api.Response ivr = admin.post("/api/v1/ivr", Map.of("number", "8800", "name", "Меню", "entry", "main",
                "nodes", List.of(
                        Map.of("id", "main", "type", "menu", "prompt", "welcome", "options", Map.of("1", "bill"),
                                "timeoutSeconds", 5, "retries", 1, "onFailure", "bill"),
                        Map.of("id", "bill", "type", "queue", "queueId", queueId, "topic", "billing"))));
        assertThat(ivr.status()).as(ivr.toString()).isEqualTo(201);
        String kbTopic = admin.post("/api/v1/kb/topics", Map.of("name", "Звонки")).json().get("id").asString();
        String article = admin.post("/api/v1/kb/articles", Map.of("topicId", kbTopic, "title", "Как отвечать в справочной",
                "markdown", "Представьтесь и спросите номер договора.")).json().get("id").asString();
        assertThat(admin.post("/api/v1/kb/articles/" + article + "/publish", null).status()).isEqualTo(200);
        Api.Response ties = admin.put("/api/v1/kb/articles/" + article + "/ties", Map.of("queues", List.of(queueId)));
        assertThat(ties.status()).as(ties.toString()).isEqualTo(200);
        Api.Response p = pm.post("/api/v1/projects", Map.of("code", "HOT", "name", "Горячая линия", "managers", List.of(pmId)));
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        projectId = p.json().get("id").asString();

        // a known customer, VIP in the project, with a past call (wrapped up) and a request
        Api.Response c = operator.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Петров",
                "firstName", "Иван", "phones", List.of(Map.of("number", "8 (495) 123-45-67"))));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        customerId = c.json().get("id").asString();
        assertThat(pm.put("/api/v1/projects/" + projectId + "/vips/" + customerId,
                Map.of("priority", 90, "note", "Ключевой клиент")).status()).isBetween(200, 201);
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String past = call();
        operator.post("/api/v1/agent/calls/" + past + "/answer", null);
        advance(45);
        operator.post("/api/v1/agent/calls/" + past + "/hangup", null);
        assertThat(operator.post("/api/v1/agent/calls/" + past + "/wrapup",
                Map.of("resultCode", "consultation", "comment", "Спрашивал про тариф")).status()).isEqualTo(200);
        Api.Response r = operator.post("/api/v1/requests", Map.of("projectId", projectId, "subject", "Счёт за март",
                "customerId", customerId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        operator.put("/api/v1/agent/state", Map.of("state", "OFFLINE"));

        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        context.addInitScript(SOCKET_SPY);
        page = context.newPage();
    }

    @AfterEach
    void close() {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shot + ".png")).setFullPage(true));
        context.close();
    }

    private String call() {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "100"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    @Test
    void anOperatorWorksACallFromACardPopToTheWrapUpInRussian() {
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        assertThat(page).hasURL(Pattern.compile(".*/workstation$"));
        assertThat(page.locator("#ws-state")).hasText("Не в сети");
        assertThat(page.locator("#ws-fig-answered")).hasText("1");
        assertThat(page.locator("#ws-fig-avg")).hasText("0:45");
        assertThat(page.locator("#ws-script")).containsText("Не настроено");
        assertThat(page.locator("#ws-conn")).isHidden();

        // goes free by joining the queue; the timer runs
        page.check("#ws-queues input[data-number='100']");
        assertThat(page.locator("#ws-state")).hasText("Свободен");
        assertThat(page.locator("#ws-timer")).not().hasText("0:00");

        // a call from the known customer: the card pops with the history, VIP, queue and articles
        String callId = call();
        assertThat(page.locator("#ws-incoming")).isVisible();
        assertThat(page.locator("#ws")).hasAttribute("data-ringing", "true"); // the alert sounds while ringing
        assertThat(page.locator("#ws-call-state")).hasAttribute("data-state", "ringing");
        assertThat(page.locator("#ws-incoming-caller")).hasText("+74951234567");
        assertThat(page.locator("#ws-state")).hasText("Входящий");
        // WS-5: the knowledge panel has the article tied to the call's queue
        assertThat(page.locator("#ws-articles")).containsText("Как отвечать в справочной");
        assertThat(page.locator("#ws-customer-name")).hasText("Петров Иван");
        assertThat(page.locator(".ws-vip")).containsText("Горячая линия");
        assertThat(page.locator("#ws-history li[data-type=request]")).containsText("Счёт за март");
        assertThat(page.locator("#ws-history li[data-type=request]")).containsText("new"); // the current status (the default setup names none)
        assertThat(page.locator("#ws-history li[data-type=call]")).containsText("Консультация");
        assertThat(page.locator("#ws-history li[data-type=call]")).containsText("Спрашивал про тариф");
        assertThat(page.locator("#ws-call-queue")).hasText("Справочная");

        // a shortcut typed into a field is text, not an action; outside a field it answers
        page.click("#ws-search-q");
        page.keyboard().type("a");
        assertThat(page.locator("#ws-state")).hasText("Входящий");
        assertThat(page.locator("#ws-search-q")).hasValue("a");
        page.fill("#ws-search-q", "");
        page.locator("#ws-search-q").blur();
        page.keyboard().press("a");
        assertThat(page.locator("#ws-state")).hasText("Разговор");
        assertThat(page.locator("#ws-incoming")).isHidden();
        assertThat(page.locator("#ws-call-state")).hasText("Разговор");
        assertThat(page.locator("#ws")).hasAttribute("data-ringing", "false");

        // WS-5: search one keystroke away: "/" puts the cursor in the search field
        page.keyboard().press("/");
        assertThat(page.locator("#ws-search-q")).isFocused();
        page.keyboard().type("договора");
        page.keyboard().press("Enter");
        assertThat(page.locator("#ws-search-hits")).containsText("Как отвечать в справочной");
        page.fill("#ws-search-q", "");

        // SEC-7: the recording paused and resumed
        page.click("#ws-rec");
        assertThat(page.locator("#ws-rec-state")).hasText("Запись приостановлена");
        assertThat(page.locator("#ws-rec")).hasAttribute("aria-pressed", "true");
        page.click("#ws-rec");
        assertThat(page.locator("#ws-rec-state")).hasText("Идёт запись");

        // hold by keyboard, resume by keyboard
        page.keyboard().press("h");
        assertThat(page.locator("#ws-state")).hasText("Удержание");
        page.keyboard().press("h");
        assertThat(page.locator("#ws-state")).hasText("Разговор");

        // WS-7: a request in a few clicks, tied to the call and the customer
        page.fill("#ws-request-subject", "Не работает интернет");
        page.click("#ws-request-save");
        assertThat(page.locator("#ws-request-link")).hasText("№2");
        Api.Response requests = operator.get("/api/v1/requests?q=интернет");
        var registered = requests.json().get("items").get(0);
        assertThat(registered.get("callId").asString()).isEqualTo(callId);
        assertThat(registered.get("customerId").asString()).isEqualTo(customerId);
        assertThat(registered.get("channel").asString()).isEqualTo("CALL");
        assertThat(page.locator("#ws-history li[data-type=request]").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText("Не работает интернет"))).hasCount(1);

        // the layout keeps the call panel in view at 1360×768; the screenshot for the docs
        inView("#ws-hangup", 768);
        io.linia.test.browser.Screenshots.docs(page, "workstation-1360x768");

        // HA-3: the connection drops; the banner shows, typed text stays, the page recovers by itself
        page.fill("#ws-wrapup-comment", "Клиент доволен");
        page.fill("#ws-search-q", "тариф");
        page.evaluate("() => { window.__blockSockets = true; window.__sockets.forEach((s) => s.close()); }");
        assertThat(page.locator("#ws-conn")).isVisible();
        assertThat(page.locator("#ws-conn")).hasText("Подключение…");
        assertThat(page.locator("#ws-wrapup-comment")).hasValue("Клиент доволен");
        page.fill("#ws-request-subject", "Набрано без связи");
        page.evaluate("() => { window.__blockSockets = false; }");
        assertThat(page.locator("#ws-conn")).isHidden();
        assertThat(page.locator("#ws-state")).hasText("Разговор");
        assertThat(page.locator("#ws-wrapup-comment")).hasValue("Клиент доволен");
        assertThat(page.locator("#ws-request-subject")).hasValue("Набрано без связи");
        assertThat(page.locator("#ws-search-q")).hasValue("тариф");
        // and a reload keeps the drafts too, and the call on the desk
        page.reload();
        assertThat(page.locator("#ws-wrapup-comment")).hasValue("Клиент доволен");
        assertThat(page.locator("#ws-search-q")).hasValue("тариф");
        assertThat(page.locator("#ws-state")).hasText("Разговор");
        assertThat(page.locator("#ws-customer-name")).hasText("Петров Иван");

        // hang up with Alt+E while typing in the comment; wrap-up; the figures move
        advance(90);
        page.click("#ws-wrapup-comment");
        page.keyboard().press("Alt+KeyE");
        assertThat(page.locator("#ws-state")).hasText("Поствызывная обработка");
        assertThat(page.locator("#ws-wrapup-comment")).hasValue("Клиент доволен");
        assertThat(page.locator("#ws-fig-answered")).hasText("2");
        assertThat(page.locator("#ws-fig-avg")).hasText("1:07"); // (45 + 90) / 2 s
        page.selectOption("#ws-wrapup-code", "request_registered");
        page.click("#ws-wrapup-save");
        assertThat(page.locator("#ws-wrapup-saved")).hasText("Итог звонка сохранён.");
        assertThat(page.locator("#ws-state")).hasText("Свободен");
        Api.Response details = operator.get("/api/v1/agent/calls/" + callId);
        assertThat(details.json().get("resultCode").asString()).isEqualTo("request_registered");
        assertThat(details.json().get("wrapupComment").asString()).isEqualTo("Клиент доволен");
        assertThat(page.locator("#ws-wrapup-comment")).hasValue("");

        // pause with a reason by the keyboard
        page.selectOption("#ws-reason", "lunch");
        page.locator("#ws-reason").blur();
        page.keyboard().press("p");
        assertThat(page.locator("#ws-state")).hasText(Pattern.compile("Пауза · Обед.*"));
        assertThat(page.locator("#ws-fig-free")).not().hasText("0:00");

        // the help lists the shortcuts
        page.click("#ws-help-toggle");
        assertThat(page.locator("#ws-help")).containsText("Alt");
    }

    @Test
    void theWorkstationInEnglishFitsBothScreensAndOffersTheTransferDialog() {
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/workstation?lang=en");
        assertThat(page.locator("#ws-state")).hasText("Offline");
        page.check("#ws-queues input[data-number='100']");
        assertThat(page.locator("#ws-state")).hasText("Free");
        String callId = call();
        assertThat(page.locator("#ws-customer-name")).hasText("Петров Иван");
        page.click("#ws-answer");
        assertThat(page.locator("#ws-state")).hasText("Talking");
        assertThat(page.locator("#ws-call-title")).hasText("Call");
        assertThat(page.locator("#ws-script")).containsText("Not configured");

        page.click("#ws-transfer-open");
        assertThat(page.locator("#ws-transfer")).isVisible();
        assertThat(page.locator("#ws-transfer-queue option")).hasText(new String[] {"100 · Справочная", "200 · Поддержка"});
        page.check("#ws-transfer input[value=number]");
        assertThat(page.locator("#ws-transfer-number")).isVisible();
        assertThat(page.locator("#ws-transfer-queue")).isHidden();
        page.click("#ws-transfer-close");
        assertThat(page.locator("#ws-transfer")).isHidden();

        page.setViewportSize(1920, 1080);
        inView("#ws-hangup", 1080);
        io.linia.test.browser.Screenshots.docs(page, "workstation-1920x1080");
        page.click("#ws-hangup");
        assertThat(page.locator("#ws-state")).hasText("Wrap-up");
        assertThat(page.locator("#ws-wrapup")).isVisible();
        page.selectOption("#ws-wrapup-code", "resolved");
        page.click("#ws-wrapup-save");
        assertThat(page.locator("#ws-state")).hasText("Free");

        // a caller no card has: "new customer" opens the card form with the number filled in
        Api.Response unknown = admin.post("/api/v1/sim/calls", Map.of("caller", "+74957654321", "dialled", "100"));
        assertThat(unknown.status()).isEqualTo(201);
        assertThat(page.locator("#ws-no-match")).hasText("No customer has this number.");
        String href = page.locator("#ws-new-customer").getAttribute("href");
        assertThat(href).isEqualTo("/customers/new?phone=%2B74957654321");
        // WS-4/WS-7: the form opens in a tab of its own; back on the desk the number is matched again,
        // so the card shows the new customer and a request registered next is tied to them
        Page form = context.waitForPage(() -> page.click("#ws-new-customer"));
        assertThat(form.locator("#f-phones")).hasValue("+74957654321");
        form.fill("#f-lastName", "Сидоров");
        form.fill("#f-firstName", "Пётр");
        form.click("#save-customer");
        assertThat(form).hasURL(Pattern.compile(".*/customers/[0-9a-f-]{36}$"));
        String newCustomer = form.url().replaceAll(".*/customers/", "");
        form.close();
        page.bringToFront();
        page.evaluate("() => window.dispatchEvent(new Event('focus'))"); // headless windows keep their focus
        assertThat(page.locator("#ws-customer-name")).hasText("Сидоров Пётр");
        assertThat(page.locator("#ws-no-match")).hasCount(0);
        page.click("#ws-answer");
        page.fill("#ws-request-subject", "Новый клиент звонит впервые");
        page.click("#ws-request-save");
        assertThat(page.locator("#ws-request-link")).isVisible();
        var registered = operator.get("/api/v1/requests?q=впервые").json().get("items").get(0);
        assertThat(registered.get("customerId").asString()).isEqualTo(newCustomer);

        // WS-3: a blind transfer to queue 200 submitted from the dialog; the call leaves the desk
        page.click("#ws-transfer-open");
        page.check("#ws-transfer input[value=queue]");
        page.selectOption("#ws-transfer-queue", new com.microsoft.playwright.options.SelectOption().setLabel("200 · Поддержка"));
        page.check("#ws-transfer input[value=blind]");
        page.click("#ws-transfer-go");
        assertThat(page.locator("#ws-transfer")).isHidden();
        assertThat(page.locator("#ws-state")).hasText("Wrap-up");
        assertThat(page.locator("#ws-hangup")).isDisabled();
        assertThat(page.locator("#ws-transfer-open")).isDisabled();
        int waiting200 = -1;
        for (var tile : admin.get("/api/v1/wallboard").json().get("queues")) {
            if (tile.get("number").asString().equals("200")) {
                waiting200 = tile.get("waiting").asInt();
            }
        }
        assertThat(waiting200).as("the caller waits in queue 200").isEqualTo(1);
        assertThat(operator.get("/api/v1/agent/state").json().get("state").asString()).isEqualTo("WRAP_UP");

        // the F key makes the operator free again (out of wrap-up)
        page.locator("#ws-request-subject").blur();
        page.keyboard().press("f");
        assertThat(page.locator("#ws-state")).hasText("Free");

        // WS-4: a call through the IVR shows its path and the topic its choice set
        Api.Response viaIvr = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951112299", "dialled", "8800",
                "dtmf", List.of("1")));
        assertThat(viaIvr.status()).as(viaIvr.toString()).isEqualTo(201);
        advance(3);
        assertThat(page.locator("#ws-incoming")).isVisible();
        assertThat(page.locator("#ws-call-topic")).hasText("billing");
        assertThat(page.locator("#ws-call-ivr")).containsText("main");
        assertThat(page.locator("#ws-call-queue")).hasText("Справочная");
        shot = "workstation-en";
        assertThat(callId).isNotBlank();
    }

    private void inView(String selector, int height) {
        BoundingBox box = page.locator(selector).boundingBox();
        assertThat(box).isNotNull();
        assertThat(box.y + box.height).as(selector + " within the window").isLessThanOrEqualTo(height);
        assertThat(page.evaluate("() => document.scrollingElement.scrollHeight <= window.innerHeight + 1"))
                .as("the page itself does not scroll").isEqualTo(true);
    }
}
