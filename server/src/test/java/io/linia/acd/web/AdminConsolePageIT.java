package io.linia.acd.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.sim.SimulatedSwitch;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contact centre's admin console in a real headless Chromium (ACD-1, ACD-2, ACD-3, ACD-8,
 * ACD-9, TEL-5): queues with a refused value shown at its field and a concurrent edit explained,
 * members, an agent's skills and PIN (then used from the phone), pause reasons, an IVR built in
 * the tree editor (menu → schedule → queue) that a simulated call then goes through, traffic
 * started and stopped, and another tenant's objects answering 404.
 */
@IntegrationTest
class AdminConsolePageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SimulatedSwitch sim;

    TestTenant acme;
    Api api;
    Api admin;
    BrowserContext context;
    Page page;
    String shot = "admin";

    @BeforeEach
    void open() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        context = Browsers.chromium().newContext(new Browser.NewContextOptions().setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        page.onDialog(d -> d.accept());
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
    }

    @AfterEach
    void close() {
        sim.stopTraffic(acme.id());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shot + ".png")).setFullPage(true));
        context.close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshots(String name) {
        for (int[] size : new int[][] {{1360, 768}, {1920, 1080}}) {
            page.setViewportSize(size[0], size[1]);
            io.linia.test.browser.Screenshots.docs(page, "admin-" + name + "-" + size[0] + "x" + size[1]);
        }
        page.setViewportSize(1360, 768);
    }

    private String error(String selector) {
        String ids = page.locator(selector).getAttribute("aria-describedby");
        assertThat(ids).as("the error is tied to " + selector).isNotBlank();
        return page.locator("#" + ids.split(" ")[ids.split(" ").length - 1]).textContent();
    }

    @Test
    void aQueueIsCreatedAndEditedWithFieldErrorsAConflictAndMembers() {
        shot = "admin-queue";
        UUID ivanova = acme.user("ivanova", "operator");
        page.navigate(url("/?lang=ru"));
        page.click("nav >> text=Контакт-центр");
        assertThat(page.locator("h1")).hasText("Контакт-центр");
        page.click("#link-queues");
        page.click("#new-queue");

        page.fill("#q-number", "30a");
        page.fill("#q-name", "Продажи");
        page.selectOption("#q-strategy", "SKILLS_BASED");
        page.click(".add-skill");
        page.fill(".skill-name", "english");
        page.fill(".skill-level", "3");
        page.fill("#q-max-wait", "120");
        page.selectOption("#q-overflow-kind", "MESSAGE");
        page.fill("#q-target-text", "all_busy");
        page.click("#queue-save");
        // 422 from the API, shown at the number and focused
        assertThat(page.locator("#q-number")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#q-number")).isFocused();
        assertThat(error("#q-number")).isEqualTo("Номер: 1–20 цифр, * или #.");

        page.fill("#q-number", "300");
        page.click("#queue-save");
        assertThat(page.locator("#queue-status")).containsText("Создано");
        String id = page.locator("#queue-form").getAttribute("data-id");
        var stored = admin.get("/api/v1/queues/" + id).json();
        assertThat(stored.get("strategy").asString()).isEqualTo("SKILLS_BASED");
        assertThat(stored.get("requiredSkills").get("english").asInt()).isEqualTo(3);
        assertThat(stored.get("maxWaitSeconds").asInt()).isEqualTo(120);
        assertThat(stored.get("overflowKind").asString()).isEqualTo("MESSAGE");
        assertThat(stored.get("overflowTarget").asString()).isEqualTo("all_busy");

        page.fill("#q-ring", "30");
        page.uncheck("#q-pause-no-answer");
        page.click("#queue-save");
        assertThat(page.locator("#queue-status")).hasText("Сохранено. Изменение уже действует на звонки.");
        stored = admin.get("/api/v1/queues/" + id).json();
        assertThat(stored.get("ringTimeoutSeconds").asInt()).isEqualTo(30);
        assertThat(stored.get("pauseOnNoAnswer").asBoolean()).isFalse();

        // someone else saves meanwhile: the page says so instead of overwriting
        Map<String, Object> other = new java.util.HashMap<>(Map.of("number", "300", "name", "Продажи 2",
                "version", stored.get("version").asInt()));
        assertThat(admin.put("/api/v1/queues/" + id, other).status()).isEqualTo(200);
        page.fill("#q-wrap", "15");
        page.click("#queue-save");
        assertThat(page.locator("#queue-summary")).containsText("Кто-то другой изменил эту очередь");
        assertThat(page.locator("#queue-summary")).isFocused();
        assertThat(admin.get("/api/v1/queues/" + id).json().get("wrapUpSeconds").asInt()).isZero();
        page.click("#queue-reload");
        assertThat(page.locator("#q-name")).hasValue("Продажи 2");

        // members (ACD-2)
        page.selectOption("#member-candidate", ivanova.toString());
        page.click("#member-add-button");
        assertThat(page.locator("#queue-members li")).hasCount(1);
        assertThat(page.locator("#members-status")).containsText("добавлен");
        assertThat(admin.get("/api/v1/queues/" + id + "/members").body()).contains(ivanova.toString());
        screenshots("queue");
        page.click("#queue-members .remove-member");
        assertThat(page.locator("#queue-members li")).hasCount(0);
        assertThat(admin.get("/api/v1/queues/" + id + "/members").body()).doesNotContain(ivanova.toString());

        page.click("#queue-delete");
        assertThat(page.locator("#queue-deleted")).isVisible();
        assertThat(admin.get("/api/v1/queues/" + id).status()).isEqualTo(404);
    }

    @Test
    void anAgentGetsSkillsAQueueAndAPinThatWorksFromThePhone() {
        shot = "admin-agent";
        UUID agent = acme.user("petrov", "operator");
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Линия")).json().get("id").asString();
        page.navigate(url("/admin/acd/agents?lang=ru"));
        page.click("#agent-rows tr[data-login=petrov] a");
        assertThat(page.locator("#a-pin-state")).containsText("PIN не задан");
        page.fill("#a-extension", "205");
        page.click(".add-skill");
        page.fill(".skill-name", "english");
        page.fill(".skill-level", "11");
        page.click("#agent-save");
        assertThat(page.locator(".skill-level")).hasAttribute("aria-invalid", "true");
        assertThat(error(".skill-level")).isEqualTo("Уровень: целое число от 1 до 10.");
        page.fill(".skill-level", "7");
        page.fill("#a-pin", "4321");
        page.click("#agent-save");
        assertThat(page.locator("#agent-status")).hasText("Сохранено. Изменение уже действует на звонки.");
        assertThat(page.locator("#a-pin")).hasValue("");
        assertThat(page.locator("#a-pin-state")).containsText("PIN задан");
        var user = admin.get("/api/v1/users/" + agent).json();
        assertThat(user.get("extension").asString()).isEqualTo("205");
        assertThat(user.get("skills").get("english").asInt()).isEqualTo(7);
        assertThat(user.toString()).doesNotContain("4321");

        // queues from the agent's page, at once
        page.check(".agent-queue[data-number='100']");
        assertThat(page.locator("#agent-queues-status")).hasText("Добавлен(а) в очередь 100.");
        assertThat(admin.get("/api/v1/queues/" + queue + "/members").body()).contains(agent.toString());
        page.uncheck(".agent-queue[data-number='100']");
        assertThat(page.locator("#agent-queues-status")).hasText("Убран(а) из очереди 100.");
        assertThat(admin.get("/api/v1/queues/" + queue + "/members").body()).doesNotContain(agent.toString());

        // the PIN set on the page logs the agent in from the phone (ACD-2)
        assertThat(admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*45100")).json().get("prompt").asString())
                .isEqualTo("enter_pin");
        assertThat(admin.post("/api/v1/sim/phones/205/dtmf", Map.of("digits", "4321#")).json().get("prompt").asString())
                .isEqualTo("logged_in");
        assertThat(admin.get("/api/v1/queues/" + queue + "/members").body()).contains(agent.toString());
    }

    @Test
    void pauseReasonsAreEditedWithTheErrorAtTheRow() {
        shot = "admin-pause";
        page.navigate(url("/admin/acd/pause-reasons?lang=ru"));
        assertThat(page.locator("#pause-rows tr")).hasCount(5);
        page.click("#pause-add");
        page.locator(".pause-code").last().fill("Кофе");
        page.locator(".pause-name").last().fill("Кофе-брейк");
        page.click("#pause-save");
        assertThat(page.locator(".pause-code").last()).hasAttribute("aria-invalid", "true");
        assertThat(page.locator(".pause-code").last()).isFocused();
        page.locator(".pause-code").last().fill("coffee");
        page.locator("#pause-rows tr").first().locator("button").click();
        page.click("#pause-save");
        assertThat(page.locator("#pause-status")).hasText("Сохранено. Изменение уже действует на звонки.");
        String reasons = admin.get("/api/v1/pause-reasons").body();
        assertThat(reasons).contains("\"coffee\"").contains("Кофе-брейк").doesNotContain("\"break\"");
    }

    @Test
    void resultCodesAreEditedOnTheSameEditorAndOfferedAtWrapUp() {
        shot = "admin-wrapup";
        page.navigate(url("/admin/acd?lang=en"));
        page.click("#link-wrapup");
        assertThat(page.locator("h1")).hasText("Call result codes");
        assertThat(page.locator("#pause-rows tr")).hasCount(5);
        page.click("#pause-add");
        page.locator(".pause-code").last().fill("sale");
        page.locator(".pause-name").last().fill("Продажа / Sale");
        page.locator("#pause-rows tr").nth(1).locator(".pause-code").fill("resolved"); // the first row's code twice
        page.click("#pause-save");
        assertThat(page.locator("#pause-rows tr").nth(1).locator(".pause-code")).hasAttribute("aria-invalid", "true");
        page.locator("#pause-rows tr").nth(1).locator(".pause-code").fill("consultation");
        page.click("#pause-save");
        assertThat(page.locator("#pause-status")).hasText("Saved. The change already applies to calls.");
        String codes = admin.get("/api/v1/wrapup-codes").body();
        assertThat(codes).contains("\"sale\"").contains("Продажа / Sale");
        // the page reads back what was saved, in Russian too
        page.navigate(url("/admin/acd/wrapup-codes?lang=ru"));
        assertThat(page.locator("h1")).hasText("Результаты звонков");
        assertThat(page.locator(".pause-code").last()).hasValue("sale");
    }

    @Test
    void anIvrBuiltInTheEditorTakesACallThroughMenuAndScheduleToTheQueue() {
        shot = "admin-ivr";
        String queue = admin.post("/api/v1/queues", Map.of("number", "500", "name", "Продажи")).json().get("id").asString();
        page.navigate(url("/admin/acd/ivr?lang=ru"));
        page.click("#new-ivr");
        assertThat(page.locator("#ivr-tree")).containsText("Узлов пока нет");
        page.fill("#ivr-number", "8800");
        page.fill("#ivr-name", "Главное меню");
        for (String[] n : new String[][] {{"main", "menu"}, {"hours", "schedule"}, {"sales", "queue"}, {"night", "message"}}) {
            page.fill("#ivr-add-id", n[0]);
            page.selectOption("#ivr-add-type", n[1]);
            page.click("#ivr-add-button");
            assertThat(page.locator("#node-heading")).containsText(n[0]);
        }
        // the unfinished flow is flagged before saving
        assertThat(page.locator("#ivr-tree")).containsText("Недостижимы от первого узла");
        page.fill("[data-field='nodes.night.prompt']", "closed_now");

        page.click(".ivr-node[data-node=main]");
        page.fill("[data-field='nodes.main.prompt']", "welcome");
        page.click(".ivr-add-options");
        page.selectOption("[data-field='nodes.main.options.1']", "hours");
        page.selectOption("[data-field='nodes.main.onFailure']", "hours");
        page.fill("[data-field='nodes.main.timeoutSeconds']", "99");

        page.click(".ivr-node[data-node=hours]");
        page.fill("[data-field='nodes.hours.zone']", "UTC");
        page.fill("tr[data-day=MONDAY] .from", "00:00");
        page.fill("tr[data-day=MONDAY] .to", "23:59");
        page.click("tr[data-day=MONDAY] .copy-day");
        assertThat(page.locator("tr[data-day=SUNDAY] .to")).hasValue("23:59");
        page.fill(".holiday-date", "2031-01-01");
        page.click(".add-holiday");
        assertThat(page.locator(".holidays")).containsText("2031-01-01");
        page.selectOption("[data-field='nodes.hours.open']", "sales");
        page.selectOption("[data-field='nodes.hours.closed']", "night");

        page.click(".ivr-node[data-node=sales]");
        page.selectOption("[data-field='nodes.sales.queueId']", queue);
        page.fill("[data-field='nodes.sales.topic']", "purchase");
        assertThat(page.locator("#ivr-tree .ivr-orphans")).hasCount(0);
        assertThat(page.locator("#ivr-tree .ivr-flags")).hasCount(0);

        // the server's own refusal lands at the node and field
        page.click("#ivr-save");
        assertThat(page.locator("#node-heading")).containsText("main");
        assertThat(page.locator("[data-field='nodes.main.timeoutSeconds']")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("[data-field='nodes.main.timeoutSeconds']")).isFocused();
        assertThat(error("[data-field='nodes.main.timeoutSeconds']")).isEqualTo("Меню ждёт нажатия 1–60 секунд.");
        assertThat(page.locator(".ivr-node[data-node=main]")).hasClass(Pattern.compile("flagged"));

        page.fill("[data-field='nodes.main.timeoutSeconds']", "5");
        page.click("#ivr-save");
        assertThat(page.locator("#ivr-status")).containsText("Создано");
        var flows = admin.get("/api/v1/ivr").json();
        assertThat(flows.size()).isEqualTo(1);
        String flowId = flows.get(0).get("id").asString();
        assertThat(flows.get(0).toString()).contains("\"SUNDAY\":[[\"00:00\",\"23:59\"]]").contains("2031-01-01");
        assertThat(page.locator("#ivr-tree li").first()).containsText("main");
        screenshots("ivr");

        // a deleted node leaves a dangling key, flagged and not sent
        page.click(".ivr-node[data-node=night]");
        page.click("#node-delete");
        assertThat(page.locator("#ivr-tree")).containsText("night (нет такого)");
        page.click("#ivr-save");
        assertThat(page.locator("#ivr-summary")).containsText("ведёт к night, а такого узла нет");
        assertThat(admin.get("/api/v1/ivr/" + flowId).json().get("version").asInt()).isEqualTo(flows.get(0).get("version").asInt());

        // a call through the saved flow: key 1 → schedule (open) → the queue with the topic
        Instant now = Instant.parse(admin.get("/api/v1/sim/clock").json().get("now").asString());
        if (LocalTime.ofInstant(now, ZoneOffset.UTC).isAfter(LocalTime.of(23, 55))) {
            admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 600));
        }
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "8800",
                "dtmf", List.of("1"))).json().get("callId").asString();
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 3));
        Map<String, Object> summary = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select queue_id::text as queue, topic from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), call).query().singleRow());
        assertThat(summary).containsEntry("queue", queue).containsEntry("topic", "purchase");
    }

    @Test
    void trafficIsStartedWatchedAndStoppedAndOneCallIsPlaced() {
        shot = "admin-sim";
        admin.post("/api/v1/queues", Map.of("number", "700", "name", "Демо"));
        page.navigate(url("/admin/acd?lang=ru"));
        page.click("#link-sim");
        assertThat(page.locator("#traffic-state")).hasText("Нагрузка не запущена.");
        page.fill(".stream-dialled", "700");
        page.fill(".stream-rate", "3600");
        page.fill(".stream-patience", "60");
        page.fill("#sim-endpoints", "901, 902");
        page.fill("#sim-seed", "7");
        page.click("#traffic-start");
        assertThat(page.locator("#traffic-state")).containsText("Нагрузка идёт: 700 × 3600/h");
        var traffic = admin.get("/api/v1/sim/traffic").json();
        assertThat(traffic.get("seed").asLong()).isEqualTo(7);
        assertThat(traffic.get("virtualEndpoints").toString()).contains("901").contains("902");
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        assertThat(page.locator("#stat-placed")).not().hasText("0");

        page.click("#traffic-stop");
        assertThat(page.locator("#traffic-state")).hasText("Нагрузка не запущена.");
        assertThat(admin.get("/api/v1/sim/traffic").status()).isEqualTo(404);

        page.fill("#call-dialled", "7x");
        page.click("#call-place");
        assertThat(page.locator("#call-dialled")).hasAttribute("aria-invalid", "true");
        page.fill("#call-dialled", "700");
        page.click("#call-place");
        assertThat(page.locator("#call-status")).containsText("сделан");
    }

    @Test
    void anotherTenantsQueueIvrAndUserAreNotFound() {
        shot = "admin-404";
        TestTenant other = tenants.create();
        Api them = api.as(other.token(api, "admin"));
        String queue = them.post("/api/v1/queues", Map.of("number", "100", "name", "Чужая")).json().get("id").asString();
        String ivr = them.post("/api/v1/ivr", Map.of("number", "8800", "name", "Чужое", "entry", "m",
                "nodes", List.of(Map.of("id", "m", "type", "message", "prompt", "bye")))).json().get("id").asString();
        UUID user = other.user("stranger", "operator");
        for (String path : List.of("/admin/acd/queues/" + queue, "/admin/acd/ivr/" + ivr, "/admin/acd/agents/" + user)) {
            Response r = page.navigate(url(path + "?lang=ru"));
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(page.locator("#admin-error")).hasText("Не найдено: такого нет или оно принадлежит другим.");
            assertThat(page.content()).doesNotContain("Чуж");
        }
        // and in English
        page.navigate(url("/admin/acd/queues/" + queue + "?lang=en"));
        assertThat(page.locator("#admin-error")).hasText("Not found: it does not exist or belongs to someone else.");
    }
}
