package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CSV export (CRM-5): encodings, separators, CSV injection, confidential fields, round trip, tenancy. */
@IntegrationTest
class CustomerExportIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api op;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("op", "operator");
        op = api.as(acme.token(api, "op"));
        admin = api.as(acme.token(api, "admin"));
        assertThat(admin.post("/api/v1/customers/fields", Map.of("key", "passport", "type", "TEXT", "confidential", true))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/customers/fields", Map.of("key", "discount", "type", "NUMBER")).status())
                .isEqualTo(201);
        String org = created(Map.of("kind", "ORGANIZATION", "name", "ООО \"Ромашка\"; филиал", "city", "Москва",
                "phones", List.of(Map.of("number", "+7 495 000-00-01"))));
        created(Map.of("kind", "PERSON", "lastName", "=HYPERLINK(\"http://evil\")", "firstName", "Иван",
                "organizationId", org, "address", "Тверская, 1\nофис 5",
                "phones", List.of(Map.of("number", "8 (495) 123-45-67 доб. 12"), Map.of("number", "+7 916 123 45 67")),
                "emails", List.of(Map.of("address", "ivan@example.ru")),
                "customFields", Map.of("passport", "4510 123456", "discount", -7.5)));
        created(Map.of("kind", "PERSON", "lastName", "Петрова", "firstName", "Анна", "city", "@Казань"));
    }

    private String created(Map<String, Object> body) {
        Api.Response r = op.post("/api/v1/customers", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String export(Api as, String query, Charset charset) {
        Api.Download d = as.download("/api/v1/customers/export" + query);
        assertThat(d.status()).as(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new String(d.bytes(), charset);
    }

    @Test
    void anExportNeutralizesFormulasHidesConfidentialValuesAndImportsAgainAsItIs() {
        String csv = export(op, "", StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFkind;name;holding;industry;lastName;firstName;middleName;position;organization;"
                + "status;region;city;address;website;phone;email;custom.discount");
        assertThat(csv).doesNotContain("passport").doesNotContain("4510");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("'@Казань")
                .contains("'+74951234567 доб. 12; +79161234567").contains(";'-7.5");
        assertThat(csv).contains("\"Тверская, 1\nофис 5\"").contains("\"ООО \"\"Ромашка\"\"; филиал\"");
        assertThat(csv.lines().filter(l -> l.startsWith("PERSON") || l.startsWith("ORGANIZATION")).count())
                .as("3 cards, the address's line break inside quotes").isEqualTo(3);

        String revealed = export(op, "?reveal=true&separator=,", StandardCharsets.UTF_8);
        assertThat(revealed).contains("custom.passport").contains("4510 123456");
        List<String> audit = TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select action || ' ' || coalesce(after_state::text, '') from audit_log where tenant_id = ?"
                                + " and action in ('customer.export', 'customer.confidential_read') order by id")
                .param(acme.id().value()).query(String.class).list());
        assertThat(audit).hasSize(3);
        assertThat(audit.get(2)).startsWith("customer.confidential_read").contains("passport");

        String cp1251 = export(op, "?encoding=windows-1251&q=Петрова", Charset.forName("windows-1251"));
        assertThat(cp1251).doesNotStartWith("\uFEFF").contains("Петрова;Анна");
        assertThat(cp1251.lines().count()).isEqualTo(2);

        // round trip: the export imported into a new tenant exports the same
        TestTenant copy = tenants.create();
        copy.user("op", "operator");
        Api copyOp = api.as(copy.token(api, "op"));
        Api copyAdmin = api.as(copy.token(api, "admin"));
        copyAdmin.post("/api/v1/customers/fields", Map.of("key", "passport", "type", "TEXT", "confidential", true));
        copyAdmin.post("/api/v1/customers/fields", Map.of("key", "discount", "type", "NUMBER"));
        Api.Response up = CustomerImportIT.upload(copyOp, revealed.getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        Api.Response run = copyOp.post("/api/v1/customers/imports/" + up.json().get("id").asString() + "/run", Map.of());
        assertThat(run.json().get("status").asString()).as(run.toString()).isEqualTo("IMPORTED");
        assertThat(run.json().get("created").asInt()).isEqualTo(3);
        assertThat(export(copyOp, "?reveal=true&separator=,", StandardCharsets.UTF_8)).isEqualTo(revealed);
    }

    @Test
    void badOptionsAre422AndAnotherTenantExportsNoneOfTheseCards() {
        Api.Response enc = op.get("/api/v1/customers/export?encoding=koi8-r");
        assertThat(enc.status()).isEqualTo(422);
        assertThat(enc.field()).isEqualTo("encoding");
        Api.Response sep = op.get("/api/v1/customers/export?separator=%7C");
        assertThat(sep.status()).isEqualTo(422);
        assertThat(sep.field()).isEqualTo("separator");

        TestTenant other = tenants.create();
        other.user("op", "operator");
        String theirs = export(api.as(other.token(api, "op")), "", StandardCharsets.UTF_8);
        assertThat(theirs.lines().count()).as("the header only").isEqualTo(1);
        acme.user("qa", "qa_specialist");
        assertThat(api.as(acme.token(api, "qa")).download("/api/v1/customers/export").status())
                .as("reading cards is not exporting the base").isEqualTo(403);
    }
}
