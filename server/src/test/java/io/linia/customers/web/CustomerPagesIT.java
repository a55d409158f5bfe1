package io.linia.customers.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.linia.platform.tenancy.TenantContext;
import io.linia.recordings.Recordings;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer pages in a real Chromium (CRM-1, CRM-3, CRM-5): list and search, a card created
 * through the form, its timeline with a recording to play, a confidential value revealed, the
 * import wizard with a bad record reported, the export link, both languages.
 */
@IntegrationTest
class CustomerPagesIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Recordings recordings;

    BrowserContext context;
    Page page;

    @AfterEach
    void close() {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(java.nio.file.Paths.get("target", "browser-screenshots", "customers.png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void anOperatorFindsCreatesReadsImportsAndExportsCards() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        acme.user("op", "operator", "qa_specialist");
        Api op = api.as(acme.token(api, "op"));
        admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная"));
        assertThat(admin.post("/api/v1/customers/fields", Map.of("key", "passport", "label", "Паспорт", "type", "TEXT",
                "confidential", true)).status()).isEqualTo(201);
        String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "84951234567", "dialled", "100"))
                .json().get("callId").asString();
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 10));
        admin.post("/api/v1/sim/calls/" + callId + "/hangup", null);
        TenantContext.as(acme.id(), () -> {
            var r = recordings.started(acme.id(), callId, "sim", "wav");
            recordings.store(acme.id(), r, new ByteArrayInputStream(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0}));
        });

        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        String base = "http://localhost:" + port;
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.click("nav >> text=Клиенты");
        assertThat(page.locator("h1")).hasText("Клиенты");
        assertThat(page.locator(".customer-list")).containsText("Карточек не найдено");

        // a card through the form; <script> in a name is shown as text
        page.click("#new-customer");
        page.fill("#f-lastName", "Иванов <script>");
        page.fill("#f-firstName", "Иван");
        page.fill("#f-phones", "8 (495) 123-45-67\n+7 916 123 45 67");
        page.fill("#f-emails", "Ivan@Example.RU");
        page.fill("input[name='custom.passport']", "4510 123456");
        page.click("#save-customer");
        assertThat(page.locator("h1")).hasText("Иванов <script> Иван");
        assertThat(page.locator("#customer-fields")).containsText("+74951234567");
        assertThat(page.locator("#customer-fields")).containsText("ivan@example.ru");
        assertThat(page.locator("dd[data-field=passport]")).containsText("конфиденциально");
        // the timeline: the call from 8 495… with its recording to play
        assertThat(page.locator("#timeline tbody tr").first()).containsText("Справочная");
        assertThat(page.locator("#timeline tbody tr").first()).containsText("потерян");
        assertThat(page.locator("#timeline audio")).hasCount(1);
        page.click("dd[data-field=passport] a.reveal");
        assertThat(page.locator("dd[data-field=passport]")).hasText("4510 123456");

        // a bad form: the error is shown and nothing is saved
        page.click("#edit-customer");
        page.fill("#f-phones", "8-800-FLOWERS");
        page.click("#save-customer");
        assertThat(page.locator("#form-error")).isVisible();

        // the import wizard: a Windows-1251 file with one bad record
        page.navigate(base + "/customers/import");
        String csv = "Фамилия;Имя;Телефон;Город\nПетрова;Анна;+7 495 222-22-22;Казань\n;;+7 495 333-33-33;Тверь\n";
        page.setInputFiles("#import-file", new FilePayload("clients.csv", "text/csv",
                csv.getBytes(Charset.forName("windows-1251"))));
        page.click("#upload");
        assertThat(page.locator(".import-sample")).containsText("Петрова");
        assertThat(page.locator("select[name=map2]")).hasValue("phone");
        page.click("#preview");
        assertThat(page.locator("#import-status")).containsText("с ошибками 1");
        assertThat(page.locator("#import-report tr[data-line='3']")).containsText("Фамилия");
        page.click("#run-import");
        assertThat(page.locator("#import-status")).hasAttribute("data-status", "REJECTED");
        page.selectOption("#import-mode", "VALID_ROWS");
        page.click("#run-import");
        assertThat(page.locator("#import-status")).hasAttribute("data-status", "IMPORTED");
        APIResponse report = context.request().get(base + page.locator("#report-csv").getAttribute("href"));
        assertThat(report.status()).isEqualTo(200);
        assertThat(new String(report.body(), StandardCharsets.UTF_8)).contains("3;Фамилия;lastName;required;");

        // the list: search and the export link with the query
        page.navigate(base + "/customers");
        page.fill("input[name=q]", "Петрова");
        page.click("#customer-search button");
        assertThat(page.locator(".customer-list tbody tr")).hasCount(1);
        String export = page.locator("#export-customers").getAttribute("href");
        APIResponse csvOut = context.request().get(base + export);
        assertThat(csvOut.status()).isEqualTo(200);
        String exported = new String(csvOut.body(), StandardCharsets.UTF_8);
        assertThat(exported).contains("Петрова;Анна").doesNotContain("Иванов");

        page.navigate(base + "/customers?lang=en");
        assertThat(page.locator("h1")).hasText("Customers");
        assertThat(page.locator("#import-customers")).hasText("Import customers");
        List<String> names = page.locator(".customer-list tbody td:first-child").allTextContents();
        assertThat(names).containsExactly("Иванов <script> Иван", "Петрова Анна");
    }

    /** WS-3 (issue 7): an operator calls a card's phone from the card page; the call is on their workstation. */
    @Test
    void anOperatorCallsAPhoneOfTheCardAndIsToldTheCallIsOnTheWorkstation() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        java.util.UUID opId = acme.user("op", "operator");
        acme.user("qa", "qa_specialist");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        Api op = api.as(acme.token(api, "op"));
        Api.Response card = op.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "+7 495 111-22-33"), Map.of("number", "+7 916 765-43-21"))));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        String id = card.json().get("id").asString();

        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/customers/" + id);
        assertThat(page.locator("button.dial-phone")).hasCount(2);
        page.locator("button.dial-phone[data-number='+79167654321']").click();
        assertThat(page.locator("#dial-status")).containsText("Звоним на +79167654321: звонок на вашем рабочем месте.");
        assertThat(page.locator("#dial-workstation")).hasAttribute("href", "/workstation");
        Api.Response state = op.get("/api/v1/agent/state");
        assertThat(state.json().get("state").asString()).isEqualTo("DIALING");
        String callId = state.json().get("callId").asString();
        assertThat(admin.get("/api/v1/sim/calls").body()).contains(callId, "+79167654321");

        // a second call while the first is on the desk: the reason, in the page's language
        page.locator("button.dial-phone[data-number='+74951112233']").click();
        assertThat(page.locator("#dial-status")).hasAttribute("role", "alert");
        assertThat(page.locator("#dial-status")).containsText("Звонок не начат: вы на звонке или вам звонят");
        page.navigate("http://localhost:" + port + "/customers/" + id + "?lang=en");
        page.locator("button.dial-phone[data-number='+74951112233']").click();
        assertThat(page.locator("#dial-status")).containsText("The call was not placed: you are on a call or ringing");
        page.click("#dial-workstation");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/workstation$"));
        assertThat(page.locator("#ws-call-caller")).hasText("+79167654321");

        // who cannot dial sees no button
        context.clearCookies();
        Browsers.signIn(page, port, acme.code(), "qa", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/customers/" + id);
        assertThat(page.locator("h1")).hasText("Иванов");
        assertThat(page.locator("button.dial-phone")).hasCount(0);
    }
}
