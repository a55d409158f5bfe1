package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * CASE-6 analytic report: volumes, times to resolve and SLA breaches, checked against hand-worked
 * figures; the same figures as CSV, XLSX and PDF (read back); filters; bad input; another tenant.
 */
@IntegrationTest
class RequestReportIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Scheduler scheduler;

    /** A tenant, its project manager and operator, and the requests of the timeline below within {@code period}. */
    record Timeline(Api api, Api pm, Api op, UUID opId, String projectId, String period) {
    }

    /**
     * t=0: three complaints (reaction 30 min) and a question (no SLA); t=20: the first is resolved
     * (20 min); t=40: the others missed their reaction deadline at t=30, the second is resolved (40 min).
     */
    private Timeline timeline() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api pmBefore = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String projectId = project(pmBefore, "HOT", pmId);
        configure(pmBefore, projectId, setup(List.of(), List.of(opId)));
        VirtualScheduler clock = (VirtualScheduler) scheduler;

        Api.Response first = op.post("/api/v1/requests", complaint(projectId, "Первая", Map.of("amount", 1)));
        String one = first.json().get("id").asString();
        Instant start = Instant.parse(first.json().get("createdAt").asString());
        String two = op.post("/api/v1/requests", complaint(projectId, "Вторая", Map.of("amount", 1))).json().get("id").asString();
        op.post("/api/v1/requests", complaint(projectId, "Третья", Map.of("amount", 1)));
        op.post("/api/v1/requests", new HashMap<>(Map.of("projectId", projectId, "type", "question", "subject", "Вопрос")));
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + one + "/transitions", Map.of("operation", "finish"));
        clock.advance(Duration.ofMinutes(20));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "take"));
        op.post("/api/v1/requests/" + two + "/transitions", Map.of("operation", "finish"));

        // a project manager is an administrator (SEC-4): its session ended while time moved; sign in again
        Api pm = api.as(acme.token(api, "pm"));
        String period = "from=" + start.minusSeconds(1) + "&to=" + start.plus(Duration.ofHours(1));
        return new Timeline(api, pm, op, opId, projectId, period);
    }

    @Test
    void volumesTimesToResolveAndBreachesByTypeAndExecutor() {
        Timeline t = timeline();
        Api api = t.api();
        Api pm = t.pm();
        Api op = t.op();
        UUID opId = t.opId();
        String period = t.period();
        Api.Response byType = pm.get("/api/v1/requests/report?" + period + "&by=type");
        assertThat(byType.status()).as(byType.toString()).isEqualTo(200);
        JsonNode complaint = byType.json().get("rows").get(0);
        assertThat(complaint.get("key").asString()).isEqualTo("complaint");
        assertThat(complaint.get("label").asString()).isEqualTo("Жалоба");
        assertThat(complaint.get("registered").asLong()).isEqualTo(3);
        assertThat(complaint.get("resolved").asLong()).isEqualTo(2);
        assertThat(complaint.get("open").asLong()).isEqualTo(1);
        assertThat(complaint.get("avgResolutionMinutes").asDouble()).isEqualTo(30.0);
        assertThat(complaint.get("medianResolutionMinutes").asDouble()).isEqualTo(30.0);
        assertThat(complaint.get("avgResolutionSeconds").asLong()).isEqualTo(1800);
        assertThat(complaint.get("medianResolutionSeconds").asLong()).isEqualTo(1800);
        assertThat(complaint.get("reactionBreaches").asLong()).isEqualTo(2);
        assertThat(complaint.get("resolutionBreaches").asLong()).isZero();
        JsonNode question = byType.json().get("rows").get(1);
        assertThat(question.get("registered").asLong()).isEqualTo(1);
        assertThat(question.get("avgResolutionMinutes").isNull()).isTrue();
        assertThat(byType.json().get("total").get("registered").asLong()).isEqualTo(4);
        assertThat(byType.json().get("total").get("reactionBreaches").asLong()).isEqualTo(2);

        JsonNode byExecutor = pm.get("/api/v1/requests/report?" + period + "&by=executor").json().get("rows");
        assertThat(byExecutor.get(0).get("key").asString()).isEqualTo(opId.toString());
        assertThat(byExecutor.get(0).get("label").asString()).isEqualTo("User op");
        assertThat(byExecutor.get(0).get("registered").asLong()).isEqualTo(3);
        assertThat(pm.get("/api/v1/requests/report?" + period + "&by=channel").json().get("rows").get(0).get("key").asString())
                .isEqualTo("API");

        assertThat(pm.get("/api/v1/requests/report?" + period + "&by=colour").field()).isEqualTo("by");
        assertThat(pm.get("/api/v1/requests/report?to=2026-01-01").field()).isEqualTo("from");
        assertThat(pm.get("/api/v1/requests/report?from=2026-02-01&to=2026-01-01").field()).isEqualTo("to");
        assertThat(op.get("/api/v1/requests/report?" + period).status()).isEqualTo(403);

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        JsonNode theirs = api.as(other.token(api, "pm")).get("/api/v1/requests/report?" + period).json();
        assertThat(theirs.get("rows").size()).isZero();
        assertThat(theirs.get("total").get("registered").asLong()).isZero();
    }

    // ------------------------------------------------------------------ files (CASE-6 with the REP conventions)

    @Test
    void csvXlsxAndPdfCarryTheSameNumbersAsTheJson() throws Exception {
        Timeline t = timeline();
        String url = "/api/v1/requests/report?" + t.period() + "&by=type";
        JsonNode json = t.pm().get(url).json();
        List<JsonNode> rows = new ArrayList<>();
        json.get("rows").forEach(rows::add);
        rows.add(json.get("total"));
        assertThat(rows).hasSize(3);

        // CSV: UTF-8 with a BOM, ';' by default, durations HH:MM:SS, headings in the reader's language
        Api.Download csv = t.pm().download(url + "&format=csv&lang=ru");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;").contains("requests-by-type-").contains(".csv");
        assertThat(Arrays.copyOf(csv.bytes(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv.bytes(), 3, csv.bytes().length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "Тип;Зарегистрировано;Решено;Открыто;Среднее время решения;Медиана времени решения;"
                        + "Нарушено сроков реакции;Нарушено сроков решения;Код",
                "Жалоба;3;2;1;00:30:00;00:30:00;2;0;complaint",
                "Вопрос;1;0;1;;;0;0;question",
                "Итого;4;2;2;00:30:00;00:30:00;2;0;");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(List.of(lines.get(i + 1).split(";", -1)).subList(1, 8)).as("CSV row %d", i).isEqualTo(figures(rows.get(i)));
        }
        // ',' on request, English headings; Accept chooses the file as well as format= does
        Api.Download comma = t.pm().withHeader("Accept", "text/csv").download(url + "&separator=comma&lang=en");
        assertThat(comma.status()).isEqualTo(200);
        List<String> commaLines = new String(comma.bytes(), StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(commaLines.get(0)).startsWith("Type,Registered,Resolved,Open,Mean time to resolve,");
        assertThat(commaLines.get(1)).isEqualTo("Жалоба,3,2,1,00:30:00,00:30:00,2,0,complaint");

        // XLSX: typed cells, times as spreadsheet durations
        Api.Download xlsx = t.pm().withHeader("Accept",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").download(url + "&lang=en");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(4);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Registered");
            for (int i = 0; i < rows.size(); i++) {
                Row r = sheet.getRow(i + 1);
                JsonNode expected = rows.get(i);
                assertThat((long) r.getCell(1).getNumericCellValue()).isEqualTo(expected.get("registered").asLong());
                assertThat((long) r.getCell(2).getNumericCellValue()).isEqualTo(expected.get("resolved").asLong());
                assertThat((long) r.getCell(3).getNumericCellValue()).isEqualTo(expected.get("open").asLong());
                for (int c : new int[] {4, 5}) {
                    JsonNode seconds = expected.get(c == 4 ? "avgResolutionSeconds" : "medianResolutionSeconds");
                    Cell cell = r.getCell(c);
                    if (seconds.isNull()) {
                        assertThat(cell == null || cell.getCellType() == CellType.BLANK).as("row %d cell %d", i, c).isTrue();
                    } else {
                        assertThat(Math.round(cell.getNumericCellValue() * 86400)).isEqualTo(seconds.asLong());
                        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
                    }
                }
                assertThat((long) r.getCell(6).getNumericCellValue()).isEqualTo(expected.get("reactionBreaches").asLong());
                assertThat((long) r.getCell(7).getNumericCellValue()).isEqualTo(expected.get("resolutionBreaches").asLong());
            }
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Жалоба");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("Total");
        }

        // PDF: landscape A4, Cyrillic embedded; the same figures in its text
        Api.Download pdf = t.pm().download(url + "&format=pdf&lang=ru");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(pdf.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf.bytes());
        assertThat(reader.getPageSizeWithRotation(1).getWidth()).isGreaterThan(reader.getPageSizeWithRotation(1).getHeight());
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("Отчёт по обращениям").contains("(Europe/Moscow)").contains("Жалоба").contains("Вопрос")
                .contains("Итого").contains("00:30:00").contains("Зарегистрировано");
    }

    @Test
    void filtersNarrowTheReportAndBadInputNamesTheField() {
        Timeline t = timeline();
        String url = "/api/v1/requests/report?" + t.period();
        assertThat(total(t.pm(), url + "&type=complaint")).isEqualTo(3);
        assertThat(total(t.pm(), url + "&status=done")).isEqualTo(2);
        assertThat(total(t.pm(), url + "&executor=" + t.opId())).isEqualTo(3);
        assertThat(total(t.pm(), url + "&project=" + t.projectId() + "&type=question")).isEqualTo(1);
        JsonNode byStatus = t.pm().get(url + "&by=status&type=complaint").json().get("rows");
        assertThat(byStatus.get(0).get("key").asString()).isEqualTo("done");
        assertThat(byStatus.get(0).get("label").asString()).isEqualTo("Решено");
        assertThat(byStatus.get(0).get("registered").asLong()).isEqualTo(2);

        problem(t.pm().get(url + "&format=docx"), 422, "format");
        problem(t.pm().get(url + "&format=csv&separator=tab"), 422, "separator");
        problem(t.pm().get(url + "&format=xlsx&by=colour"), 422, "by");
        problem(t.pm().get(url + "&executor=" + UUID.randomUUID()), 422, "executor");
        problem(t.pm().get(url + "&executor=nobody"), 400, "executor");
        problem(t.pm().get(url + "&type=" + "x".repeat(65)), 422, "type");
        // asked for a file, a bad period is still a problem body, not a broken file
        problem(t.pm().withHeader("Accept", "text/csv").get("/api/v1/requests/report?from=2026-02-01&to=2026-01-01"), 422, "to");
        assertThat(t.op().get(url + "&format=csv").status()).isEqualTo(403);
    }

    @Test
    void anotherTenantGets404ForThisProjectAndNoneOfItsRequests() {
        Timeline t = timeline();
        String url = "/api/v1/requests/report?" + t.period();
        assertThat(t.pm().get(url + "&project=" + UUID.randomUUID()).status()).isEqualTo(404);

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        Api theirs = t.api().as(other.token(t.api(), "pm"));
        Api.Response foreign = theirs.get(url + "&project=" + t.projectId());
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(theirs.download(url + "&project=" + t.projectId() + "&format=csv").status()).isEqualTo(404);
        assertThat(theirs.get(url + "&executor=" + t.opId()).field()).isEqualTo("executor");
        // their own file holds the headings and an empty total only
        Api.Download csv = theirs.download(url + "&format=csv&lang=en");
        assertThat(new String(csv.bytes(), StandardCharsets.UTF_8).substring(1).lines().toList())
                .hasSize(2).last().isEqualTo("Total;0;0;0;;;0;0;");
    }

    /** The seven figures of a row as the CSV writes them (';' variant). */
    private static List<String> figures(JsonNode row) {
        return List.of(row.get("registered").asString(), row.get("resolved").asString(), row.get("open").asString(),
                hms(row.get("avgResolutionSeconds")), hms(row.get("medianResolutionSeconds")),
                row.get("reactionBreaches").asString(), row.get("resolutionBreaches").asString());
    }

    private static String hms(JsonNode seconds) {
        if (seconds.isNull()) {
            return "";
        }
        long s = seconds.asLong();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    private static long total(Api as, String url) {
        Api.Response r = as.get(url);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("total").get("registered").asLong();
    }

    private static void problem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.field()).as(r.toString()).isEqualTo(field);
    }
}
