package io.linia.reports.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.platform.time.MutableClock;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The report pages in a real Chromium: filters, table, chart, exports, both languages, bad input. */
@IntegrationTest
class ReportPagesIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    Scheduler scheduler;
    @Autowired
    io.linia.recordings.Recordings recordings;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    BrowserContext context;
    Page page;

    @AfterEach
    void close() {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(java.nio.file.Paths.get("target", "browser-screenshots", "report.png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aSupervisorFiltersReadsChartsAndExportsTheReports() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID op = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + op, Map.of("extension", "201", "fullName", "Ольга Орлова"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная")).json()
                .get("id").asString();
        Api operator = api.as(acme.token(api, "op"));
        operator.put("/api/v1/agent/queues/" + queue, null);
        // one call answered after 5 s and talked 30 s, one lost after 12 s
        String answered = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000001", "dialled", "100"))
                .json().get("callId").asString();
        advance(5);
        operator.post("/api/v1/agent/calls/" + answered + "/answer", null);
        advance(30);
        operator.post("/api/v1/agent/calls/" + answered + "/hangup", null);
        operator.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "meeting"));
        String lost = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000002", "dialled", "100"))
                .json().get("callId").asString();
        advance(12);
        admin.post("/api/v1/sim/calls/" + lost + "/hangup", null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Moscow"));
        String range = "from=" + today.minusDays(1) + "T00:00&to=" + today.plusDays(1) + "T00:00";

        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        String base = "http://localhost:" + port;
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
        page.click("nav >> text=Отчёты");
        assertThat(page.locator("h1")).hasText("Отчёты");

        page.navigate(base + "/reports/summary?" + range);
        assertThat(page.locator("h1")).hasText("Сводка");
        assertThat(page.locator(".report-table tbody th").first()).hasText("Поступило");
        assertThat(page.locator(".report-table tbody td").nth(0)).hasText("2"); // offered
        assertThat(page.locator(".report-table tbody td").nth(1)).hasText("1"); // answered
        assertThat(page.locator(".report-table tbody td").nth(2)).hasText("1"); // lost
        assertThat(page.locator(".report-table tbody td").nth(7)).hasText("00:00:30"); // talk total
        assertThat(page.locator(".definitions")).containsText("Среднее время ответа: ожидание принятых ÷ принятые.");

        // the filter bar: a queue chosen, the page keeps it and exports carry it
        page.selectOption("select[name=queue]", queue);
        page.click(".filters button[type=submit]");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*queue=" + queue + ".*"));
        assertThat(page.locator(".report-table tbody td").nth(0)).hasText("2");
        String csvHref = page.locator(".exports a").first().getAttribute("href");
        assertThat(csvHref).contains("format=csv").contains("queue=" + queue);
        // as a browser downloads it: the session cookie and the reader's language
        APIResponse csv = context.request().get(base + csvHref,
                com.microsoft.playwright.options.RequestOptions.create().setHeader("Accept-Language", "ru-RU"));
        assertThat(csv.status()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFПоступило;Принято;Потеряно;").contains("\r\n2;1;1;");

        // the service-level curve is drawn
        page.click(".report-tabs >> text=Уровень обслуживания");
        assertThat(page.locator("canvas#report-chart")).isVisible();
        page.waitForFunction("() => document.getElementById('report-chart').chart !== undefined");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Paths.get("target", "browser-screenshots", "report-service-level.png")));
        assertThat(page.locator(".report-table tbody tr").first().locator("td").nth(2)).hasText("1"); // answered within 5 s
        assertThat(page.locator(".report-table tbody tr").nth(2).locator("td").nth(5)).hasText("1"); // lost 10-15 s

        // English, and the answered list with the operator's number and name
        page.navigate(base + "/reports/answered?" + range + "&lang=en");
        assertThat(page.locator("h1")).hasText("Answered calls");
        assertThat(page.locator(".report-table tbody tr")).hasCount(1);
        assertThat(page.locator(".report-table tbody tr td").nth(3)).hasText("201");
        assertThat(page.locator(".report-table tbody tr td").nth(4)).hasText("Ольга Орлова");
        assertThat(page.locator(".report-table tbody tr td").nth(6)).hasText("00:00:05");
        // an administrator may not listen (no RECORDING_LISTEN): no recording column
        assertThat(page.locator("td.recording")).hasCount(0);

        // a QA lead plays the answered call's recording in its row and downloads it, each access audited
        byte[] wav = wav(8000);
        io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> {
            UUID id = recordings.started(acme.id(), answered, "ari", "wav");
            return recordings.store(acme.id(), id, new java.io.ByteArrayInputStream(wav));
        });
        acme.user("qalead", "qa_lead");
        BrowserContext qaContext = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("en-GB"));
        try {
            Page qa = qaContext.newPage();
            Browsers.signIn(qa, port, acme.code(), "qalead", TestTenants.PASSWORD);
            qa.navigate(base + "/reports/answered?" + range + "&lang=en");
            assertThat(qa.locator("thead th").last()).hasText("Recording");
            qa.locator("td.recording button.play").click();
            assertThat(qa.locator("td.recording audio")).hasCount(1);
            qa.waitForFunction("() => document.querySelector('td.recording audio').readyState >= 1");
            assertThat(((Number) qa.evaluate("document.querySelector('td.recording audio').duration")).doubleValue())
                    .isBetween(0.4, 0.6);
            String download = qa.locator("td.recording a.download").getAttribute("href");
            APIResponse file = qaContext.request().get(base + download);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(wav);
        } finally {
            qaContext.close();
        }
        java.util.List<String> audited = io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql(
                "select action from audit_log where tenant_id = ? and action like 'recording.%' order by id")
                .param(acme.id().value()).query(String.class).list());
        assertThat(audited).contains("recording.play", "recording.download");

        // bad input is said on the page, not a server error
        Page wrong = context.newPage();
        var response = wrong.navigate(base + "/reports/summary?from=" + today + "T10:00&to=" + today + "T09:00");
        assertThat(response.status()).isEqualTo(422);
        assertThat(wrong.locator(".error")).isVisible();
        wrong.close();
    }

    /** Half a second of silence as a PCM WAV (8 kHz, 16 bit, mono), which a browser plays. */
    static byte[] wav(int bytesOfAudio) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + bytesOfAudio).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + bytesOfAudio).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(bytesOfAudio);
        return b.array();
    }

    private void advance(int seconds) {
        ((VirtualScheduler) scheduler).advance(Duration.ofSeconds(seconds));
    }
}
