package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * CSV import (CRM-5): encodings and separators, the per-record report, all-or-nothing and
 * valid-rows modes, duplicates in the file and against stored cards, bad input, tenancy.
 */
@IntegrationTest
class CustomerImportIT {

    static final Charset CP1251 = Charset.forName("windows-1251");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api op;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
        op = api.as(acme.token(api, "op"));
    }

    /** A multipart upload of {@code bytes} as the part {@code file}, with extra form fields. */
    static Api.Response upload(Api as, byte[] bytes, String... fields) {
        String boundary = "----linia" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.upload("/api/v1/customers/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static byte[] utf8Bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String uploaded(byte[] bytes, String... fields) {
        Api.Response r = upload(op, bytes, fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private long cards(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("select count(*) from customers where tenant_id = ?")
                .param(t.id().value()).query(Long.class).single());
    }

    private List<String> audit(String action) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select after_state::text from audit_log where tenant_id = ? and action = ? order by id")
                .params(acme.id().value(), action).query(String.class).list());
    }

    @Test
    void aWindows1251FileWithSemicolonsAndQuotedCellsIsImportedWithItsCyrillic() {
        String csv = """
                Фамилия;Имя;Отчество;Организация;Телефон;Мобильный;E-mail;Город;Примечание
                Иванов;Иван;Петрович;"ООО ""Ромашка""\";8 (495) 123-45-67;+7 916 123 45 67;Ivan@Example.RU;Москва;"Звонит; по вторникам
                после обеда"
                Петрова;Анна;;;8-800-555-35-35;;;Санкт-Петербург;
                ;;;;;;;;
                """;
        String orgs = "Название;Телефон;Город\n\"ООО \"\"Ромашка\"\"\";+7 495 000-00-01;Москва\n";
        // the organization first, from a file of its own (comma-free names, ';' detected)
        String orgImport = uploaded(orgs.getBytes(CP1251));
        assertThat(op.post("/api/v1/customers/imports/" + orgImport + "/run", Map.of()).json().get("status").asString())
                .isEqualTo("IMPORTED");

        Api.Response up = upload(op, csv.getBytes(CP1251));
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        JsonNode view = up.json();
        assertThat(view.get("encoding").asString()).isEqualTo("windows-1251");
        assertThat(view.get("separator").asString()).isEqualTo(";");
        assertThat(view.get("columns").get(0).asString()).isEqualTo("Фамилия");
        assertThat(view.get("mapping").get("Фамилия").asString()).isEqualTo("lastName");
        assertThat(view.get("mapping").get("Мобильный").asString()).isEqualTo("phone");
        assertThat(view.get("mapping").get("Организация").asString()).isEqualTo("organization");
        String id = view.get("id").asString();

        Api.Response preview = op.post("/api/v1/customers/imports/" + id + "/preview", Map.of());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("status").asString()).isEqualTo("PREVIEWED");
        assertThat(preview.json().get("created").asInt()).isEqualTo(2);
        assertThat(cards(acme)).as("a preview writes nothing").isEqualTo(1);

        Api.Response run = op.post("/api/v1/customers/imports/" + id + "/run", Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().get("status").asString()).isEqualTo("IMPORTED");
        assertThat(run.json().get("created").asInt()).isEqualTo(2);
        assertThat(run.json().get("rejected").asInt()).isZero();

        JsonNode found = op.get("/api/v1/customers/match?phone=%2B74951234567").json();
        assertThat(found).hasSize(1);
        JsonNode ivanov = op.get("/api/v1/customers/" + found.get(0).get("id").asString()).json();
        assertThat(ivanov.get("displayName").asString()).isEqualTo("Иванов Иван Петрович");
        assertThat(ivanov.get("city").asString()).isEqualTo("Москва");
        assertThat(ivanov.get("phones").get(1).get("number").asString()).isEqualTo("+79161234567");
        assertThat(ivanov.get("emails").get(0).get("address").asString()).isEqualTo("ivan@example.ru");
        assertThat(ivanov.get("notes").get(0).get("text").asString()).isEqualTo("Звонит; по вторникам\nпосле обеда");
        JsonNode org = op.get("/api/v1/customers/" + ivanov.get("organizationId").asString()).json();
        assertThat(org.get("name").asString()).isEqualTo("ООО \"Ромашка\"");
        List<String> imports = audit("customer.import");
        assertThat(imports).hasSize(2);
        assertThat(imports.get(1)).contains("\"created\":2").contains("\"status\":\"IMPORTED\"");
    }

    @Test
    void badRecordsAreReportedByLineAndReasonAndAllOrNothingWritesNone() {
        String csv = """
                lastName,firstName,phone,email,custom.segment
                Сидоров,Пётр,+7 495 111-11-11,petr@example.ru,corporate
                ,,+7 495 222-22-22,,retail
                Кузнецов,Олег,8-800-FLOWERS,,retail
                Орлов,Илья,+7 495 333-33-33,not-an-email,retail
                Смирнов,Ян,+7 495 444-44-44,,vip
                Лебедев,Лев,"+7 495 555-55-55, +7 495 555-55-56",,
                Волков,
                """;
        Api.Response field = api.as(acme.token(api, "admin")).post("/api/v1/customers/fields",
                Map.of("key", "segment", "type", "CHOICE", "choices", List.of("corporate", "retail")));
        assertThat(field.status()).as(field.toString()).isEqualTo(201);
        String id = uploaded(utf8Bom(csv));
        assertThat(op.get("/api/v1/customers/imports/" + id).json().get("separator").asString()).isEqualTo(",");

        Api.Response run = op.post("/api/v1/customers/imports/" + id + "/run", Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonNode v = run.json();
        assertThat(v.get("status").asString()).isEqualTo("REJECTED");
        assertThat(v.get("rejected").asInt()).isEqualTo(5);
        assertThat(cards(acme)).as("all or nothing: nothing written").isZero();
        Map<Integer, String> byLine = new HashMap<>();
        v.get("report").forEach(r -> byLine.put(r.get("line").asInt(), r.get("code").asString() + " "
                + r.get("field").asString() + " " + r.get("column").asString()));
        assertThat(byLine).containsEntry(3, "required lastName lastName")
                .containsEntry(4, "not_a_number phones[0].number phone")
                .containsEntry(5, "email emails[0].address email")
                .containsEntry(6, "unknown_choice customFields.segment custom.segment")
                .containsEntry(8, "column_count  ")
                .doesNotContainKeys(2, 7);

        Api.Download report = op.download("/api/v1/customers/imports/" + id + "/report.csv");
        assertThat(report.status()).isEqualTo(200);
        String text = new String(report.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFline;column;field;code;reason;skipped").contains("4;phone;phones[0].number;not_a_number;");

        Api.Response valid = op.post("/api/v1/customers/imports/" + id + "/run", Map.of("mode", "VALID_ROWS"));
        assertThat(valid.json().get("status").asString()).isEqualTo("IMPORTED");
        assertThat(valid.json().get("created").asInt()).isEqualTo(2);
        assertThat(cards(acme)).isEqualTo(2);
        JsonNode lebedev = op.get("/api/v1/customers?q=Лебедев").json().get("items").get(0);
        assertThat(lebedev.get("phones")).as("a list in one cell").hasSize(2);
    }

    @Test
    void duplicatesInTheFileAndAgainstStoredCardsAreSkippedOrUpdate() {
        Api.Response stored = op.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "+7 495 123-45-67"))));
        assertThat(stored.status()).isEqualTo(201);
        String storedId = stored.json().get("id").asString();
        String csv = """
                lastName;phone;email;city
                Иванов;8 495 123 45 67;ivan@example.ru;Тверь
                Новиков;+7 916 000-00-01;nov@example.ru;Казань
                Новиков-2;+7 916 000-00-02;NOV@example.ru;Казань
                Новиков-3;89160000001;;Казань
                """;
        String id = uploaded(csv.getBytes(StandardCharsets.UTF_8));
        JsonNode skip = op.post("/api/v1/customers/imports/" + id + "/run", Map.of()).json();
        assertThat(skip.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(skip.get("created").asInt()).isEqualTo(1);
        assertThat(skip.get("skipped").asInt()).isEqualTo(3);
        Map<Integer, String> byLine = new HashMap<>();
        skip.get("report").forEach(r -> byLine.put(r.get("line").asInt(), r.get("code").asString() + ": "
                + r.get("reason").asString()));
        assertThat(byLine.get(2)).startsWith("duplicate: +74951234567 is on card " + storedId);
        assertThat(byLine.get(4)).isEqualTo("duplicate_in_file: nov@example.ru is on line 3 already");
        assertThat(byLine.get(5)).isEqualTo("duplicate_in_file: +79160000001 is on line 3 already");
        assertThat(cards(acme)).isEqualTo(2);

        // the same file again, updating: the stored card gets the city and the e-mail; Новиков is stored now too
        String again = uploaded(csv.getBytes(StandardCharsets.UTF_8));
        JsonNode update = op.post("/api/v1/customers/imports/" + again + "/run", Map.of("duplicates", "UPDATE")).json();
        assertThat(update.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(update.get("updated").asInt()).isEqualTo(2);
        assertThat(update.get("created").asInt()).isZero();
        JsonNode ivanov = op.get("/api/v1/customers/" + storedId).json();
        assertThat(ivanov.get("city").asString()).isEqualTo("Тверь");
        assertThat(ivanov.get("emails").get(0).get("address").asString()).isEqualTo("ivan@example.ru");
        assertThat(ivanov.get("phones")).hasSize(1);
        assertThat(cards(acme)).isEqualTo(2);

        // duplicates as errors: all or nothing refuses the file
        String strict = uploaded(csv.getBytes(StandardCharsets.UTF_8));
        JsonNode rejected = op.post("/api/v1/customers/imports/" + strict + "/run", Map.of("duplicates", "REJECT")).json();
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejected").asInt()).isEqualTo(4);
    }

    @Test
    void badFilesAndOptionsAreClear4xxAndNothingIsSaved() {
        byte[] cp1251 = "Фамилия;Телефон\nИванов;+7 495 123-45-67\n".getBytes(CP1251);
        Api.Response wrong = upload(op, cp1251, "encoding", "UTF-8");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("wrong_encoding");
        assertThat(wrong.field()).isEqualTo("encoding");
        assertThat(wrong.json().get("detail").asString()).contains("UTF-8");

        Api.Response big = upload(op, new byte[2 * 1024 * 1024 + 1]);
        assertThat(big.status()).as(big.toString()).isEqualTo(413);
        assertThat(big.field()).isEqualTo("file");

        assertThat(upload(op, new byte[0]).status()).isEqualTo(422);
        Api.Response sep = upload(op, cp1251, "separator", "|");
        assertThat(sep.status()).isEqualTo(422);
        assertThat(sep.field()).isEqualTo("separator");

        String id = uploaded(cp1251, "encoding", "windows-1251");
        Api.Response badMap = op.post("/api/v1/customers/imports/" + id + "/run",
                Map.of("mapping", Map.of("Фамилия", "surname")));
        assertThat(badMap.status()).isEqualTo(422);
        assertThat(badMap.field()).isEqualTo("mapping.Фамилия");
        Api.Response badCol = op.post("/api/v1/customers/imports/" + id + "/preview", Map.of("mapping", Map.of("Нет", "city")));
        assertThat(badCol.status()).isEqualTo(422);
        assertThat(badCol.code()).isEqualTo("unknown_column");
        Api.Response badMode = op.post("/api/v1/customers/imports/" + id + "/run", Map.of("mode", "SOME"));
        assertThat(badMode.status()).isEqualTo(422);
        assertThat(badMode.field()).isEqualTo("mode");
        assertThat(cards(acme)).isZero();

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api stranger = api.as(other.token(api, "op"));
        assertThat(stranger.get("/api/v1/customers/imports/" + id).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/customers/imports/" + id + "/run", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/customers/imports/" + id + "/preview", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.download("/api/v1/customers/imports/" + id + "/report.csv").status()).isEqualTo(404);
        assertThat(cards(acme)).isZero();
    }
}
