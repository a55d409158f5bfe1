package io.linia.requests.web;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real headless Chromium: an operator registers a request on the page, moves it by the
 * project's operation, sees its history and finds it in the list by another word form with
 * facets; a project manager edits the constructor; the pages speak Russian too.
 */
@IntegrationTest
class RequestPagesPageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    String projectId;
    BrowserContext context;
    Page page;
    String testName;

    @BeforeEach
    void open(TestInfo info) {
        acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api api = new Api(port);
        Api pm = api.as(acme.token(api, "pm"));
        Api.Response p = pm.post("/api/v1/projects", Map.of("code", "HOT", "name", "Горячая линия", "managers", List.of(pmId)));
        projectId = p.json().get("id").asString();
        Map<String, Object> setup = new java.util.HashMap<>(Map.of(
                "dictionaries", List.of(Map.of("code", "districts", "items", List.of("Центр", "Север"))),
                "types", List.of(Map.of("code", "complaint", "name", "Жалоба", "executors", List.of(opId),
                        "fields", List.of(Map.of("key", "amount", "label", "Сумма", "type", "NUMBER", "required", true),
                                Map.of("key", "district", "label", "Район", "type", "CHOICE", "dictionary", "districts")))),
                "statuses", List.of(Map.of("code", "new", "name", "Новое", "initial", true),
                        Map.of("code", "in_work", "name", "В работе"), Map.of("code", "done", "name", "Решено", "final", true)),
                "operations", List.of(Map.of("code", "take", "name", "Взять в работу", "from", List.of("new"), "to", "in_work"),
                        Map.of("code", "finish", "name", "Решить", "from", List.of("in_work"), "to", "done"))));
        assertThat(pm.put("/api/v1/projects/" + projectId + "/setup", setup).status()).isEqualTo(200);
        testName = info.getTestMethod().orElseThrow().getName();
        context = Browsers.chromium().newContext(new Browser.NewContextOptions().setViewportSize(1360, 900).setLocale("en-US"));
        page = context.newPage();
    }

    @AfterEach
    void close() {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(testName + ".png")).setFullPage(true));
        context.close();
    }

    @Test
    void anOperatorRegistersMovesAndFindsARequest() {
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.click("nav >> text=Requests");
        assertThat(page.locator("h1")).hasText("Requests");
        page.click("#new-request");
        assertThat(page.locator("#new-request-form")).isVisible();

        page.fill("#new-subject", "Заявка на ремонт лифта");
        page.click("#new-request-form button[type=submit]");
        assertThat(page.locator("#create-error")).hasText("Fill in the required field.");
        assertThat(page.locator("#field-amount")).hasAttribute("aria-invalid", "true");

        page.fill("#field-amount", "1500");
        page.selectOption("#field-district", "Центр");
        page.click("#new-request-form button[type=submit]");
        assertThat(page.locator("h1")).containsText("Request #1");
        assertThat(page.locator("#request-status")).hasText("Новое");
        assertThat(page.locator("td[data-field=amount]")).containsText("1500");

        page.click("button[data-operation=take]");
        assertThat(page.locator("#request-status")).hasText("В работе");
        assertThat(page.locator("#request-history tbody tr")).hasCount(2);
        assertThat(page.locator("#request-history tr[data-action='status:take']")).containsText("in_work");
        assertThat(page.locator("button[data-operation=take]")).hasCount(0);

        page.fill("#task-title", "Позвонить жильцу");
        page.click("#task-form button[type=submit]");
        assertThat(page.locator("#request-tasks li[data-task='Позвонить жильцу']")).isVisible();
        page.click("#request-tasks li[data-task='Позвонить жильцу'] button");
        assertThat(page.locator("#request-tasks li[data-task='Позвонить жильцу']")).containsText("done");
        assertThat(page.locator("#request-history tbody tr")).hasCount(4);

        page.click("text=Back to the list");
        page.fill("#filter-q", "заявок");
        page.click("#request-filters button[type=submit]");
        assertThat(page.locator("#request-rows tr[data-number='1']")).containsText("Заявка на ремонт лифта");
        assertThat(page.locator("#facets [data-facet=status]")).containsText("В работе");
        page.click("#facets [data-facet=status] >> text=В работе");
        assertThat(page.locator("#request-total")).hasText("1 found");

        page.navigate("http://localhost:" + port + "/requests?lang=ru");
        assertThat(page.locator("h1")).hasText("Обращения");
        assertThat(page.locator("nav")).containsText("Обращения");
    }

    @Test
    void aProjectManagerEditsTheConstructor() {
        Browsers.signIn(page, port, acme.code(), "pm", TestTenants.PASSWORD);
        page.click("nav >> text=Projects");
        assertThat(page.locator("tr[data-code=HOT]")).containsText("Горячая линия");
        page.click("tr[data-code=HOT] >> text=Constructor");
        assertThat(page.locator("#setup-types")).containsText("Сумма (number, required)");

        String document = page.inputValue("#setup-document");
        page.fill("#setup-document", document.replace("\"initial\" : false", "\"initial\" : true"));
        page.click("#setup-form button[type=submit]");
        assertThat(page.locator("#setup-error")).containsText("The initial status cannot be final.");
        assertThat(page.locator("#setup-error")).containsText("statuses[2].final");

        page.fill("#setup-document", document.replace("\"Жалоба\"", "\"Жалоба жильца\""));
        page.click("#setup-form button[type=submit]");
        assertThat(page.locator("#setup-saved")).isVisible();
        assertThat(page.locator("#setup-types")).containsText("Жалоба жильца");
    }
}
