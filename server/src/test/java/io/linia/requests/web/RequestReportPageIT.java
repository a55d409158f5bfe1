package io.linia.requests.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The request report page (CASE-6) in a real headless Chromium: reached from the request list,
 * the figures of a hand-worked timeline in the table, the chart drawn, a filter and a grouping
 * applied, an export carrying the same figures, Russian and English, and the print view on one
 * A4 landscape page.
 */
@IntegrationTest
class RequestReportPageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Scheduler scheduler;

    BrowserContext context;
    Page page;

    @AfterEach
    void close() {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("request-report.png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aManagerReadsFiltersExportsAndPrintsTheRequestReport() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api pm = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String projectId = project(pm, "HOT", pmId);
        configure(pm, projectId, setup(List.of(), List.of(opId)));
        // t=0 three complaints (reaction 30 min) and a question; the first resolved at t=20, the second at t=40
        String one = op.post("/api/v1/requests", complaint(projectId, "Первая", Map.of("amount", 1))).json().get("id").asString();
        String two = op.post("/api/v1/requests", complaint(projectId, "Вторая", Map.of("amount", 1))).json().get("id").asString();
        op.post("/api/v1/requests", complaint(projectId, "Третья", Map.of("amount", 1)));
        op.post("/api/v1/requests", new HashMap<>(Map.of("projectId", projectId, "type", "question", "subject", "Вопрос")));
        VirtualScheduler clock = (VirtualScheduler) scheduler;
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "finish"));
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "finish"));

        context = Browsers.chromium().newContext(new Browser.NewContextOptions().setViewportSize(1360, 900).setLocale("en-US"));
        page = context.newPage();
        String base = "http://localhost:" + port;
        Browsers.signIn(page, port, acme.code(), "pm", TestTenants.PASSWORD);
        page.click("nav >> text=Requests");
        page.click("#request-report-link");
        assertThat(page.locator("h1")).hasText("Request report");
        assertThat(page.locator("#report-table thead th")).hasText(new String[] {"Type", "Registered", "Resolved", "Open",
                "Mean time to resolve", "Median time to resolve", "Reaction breaches", "Resolution breaches"});
        assertThat(page.locator("#report-table tbody tr")).hasCount(2);
        assertThat(page.locator("#report-table tbody tr").first().locator("td"))
                .hasText(new String[] {"Жалоба", "3", "2", "1", "00:30:00", "00:30:00", "2", "0"});
        assertThat(page.locator("#report-table tbody tr").nth(1).locator("td"))
                .hasText(new String[] {"Вопрос", "1", "0", "1", "—", "—", "0", "0"});
        assertThat(page.locator("#report-table tfoot tr > *"))
                .hasText(new String[] {"Total", "4", "2", "2", "00:30:00", "00:30:00", "2", "0"});
        assertThat(page.locator("canvas#report-chart")).isVisible();
        page.waitForFunction("() => document.getElementById('report-chart').chart !== undefined");
        assertThat(page.evaluate("document.getElementById('report-chart').chart.data.datasets[0].data")).isEqualTo(List.of(2, 0));

        // a filter (resolved requests only) and another grouping; the address keeps them
        page.selectOption("#report-status", "done");
        page.selectOption("#report-by", "executor");
        page.click("#report-filters button[type=submit]");
        assertThat(page).hasURL(Pattern.compile(".*status=done.*"));
        assertThat(page.locator("#report-status")).hasValue("done");
        assertThat(page.locator("#report-table thead th").first()).hasText("Executor");
        assertThat(page.locator("#report-table tbody tr")).hasCount(1);
        assertThat(page.locator("#report-table tbody tr td"))
                .hasText(new String[] {"User op", "2", "2", "0", "00:30:00", "00:30:00", "1", "0"});
        assertThat(page.locator("#report-table tfoot tr > *").nth(1)).hasText("2");

        // the export carries the same filters and the same figures
        String csvHref = page.locator("#report-exports a[data-format=csv]").getAttribute("href");
        assertThat(csvHref).contains("format=csv").contains("status=done").contains("by=executor");
        APIResponse csv = context.request().get(base + csvHref);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFFExecutor;Registered;")
                .contains("\r\nUser op;2;2;0;00:30:00;00:30:00;1;0;" + opId + "\r\n").endsWith("\r\nTotal;2;2;0;00:30:00;00:30:00;1;0;\r\n");
        APIResponse xlsx = context.request().get(base + page.locator("#report-exports a[data-format=xlsx]").getAttribute("href"));
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.headers().get("content-type")).startsWith("application/vnd.openxmlformats-officedocument");

        // Russian
        page.navigate(page.url() + "&lang=ru");
        assertThat(page.locator("h1")).hasText("Отчёт по обращениям");
        assertThat(page.locator("#report-table thead th").nth(1)).hasText("Зарегистрировано");
        assertThat(page.locator("#report-table tfoot tr > *").first()).hasText("Итого");
        assertThat(page.locator("#report-exports a[data-format=csv]")).hasText("CSV (Excel)");
        assertThat(page.locator("#request-report")).containsText("Время: Europe/Moscow");

        // the print view: no navigation or filters, the period said, one A4 landscape page
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.locator("#report-filters")).isHidden();
        assertThat(page.locator("header.topbar")).isHidden();
        assertThat(page.locator("#report-period")).isVisible();
        assertThat(page.locator("#report-period")).containsText("Исполнитель · ");
        byte[] printed = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true).setPrintBackground(true));
        try {
            com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(printed);
            assertThat(reader.getNumberOfPages()).isEqualTo(1);
            assertThat(Math.round(reader.getPageSize(1).getWidth())).isEqualTo(842); // A4 landscape, in points
            assertThat(Math.round(reader.getPageSize(1).getHeight())).isEqualTo(595);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("request-report-print.png")).setFullPage(true));
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

        // bad input is said on the page, never a server error; an unknown project is 404
        Page wrong = context.newPage();
        var response = wrong.navigate(base + "/requests/report?from=2026-02-01T00:00&to=2026-01-01T00:00&lang=en");
        assertThat(response.status()).isEqualTo(422);
        assertThat(wrong.locator("#report-error")).hasText("The period is 1 second to 400 days and ends after it starts.");
        response = wrong.navigate(base + "/requests/report?project=" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(wrong.locator("#report-error")).hasText("Not found.");
        wrong.close();
    }
}
