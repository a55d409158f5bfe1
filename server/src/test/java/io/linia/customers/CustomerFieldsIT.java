package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
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
 * Tenant-defined custom fields of customer cards (CRM-1): typed values, required fields,
 * confidential values stored only encrypted (SEC-5) and revealed with an audit entry (AUD-3),
 * the default phone region (CRM-2), and tenant isolation of all of it.
 */
@IntegrationTest
class CustomerFieldsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    Api op;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        acme.user("op", "operator");
        op = api.as(acme.token(api, "op"));
    }

    private String field(String key, String type, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "label", "Label of " + key, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        Api.Response r = admin.post("/api/v1/customers/fields", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private static Map<String, Object> card(Map<String, Object> customFields) {
        Map<String, Object> m = new HashMap<>(Map.of("kind", "PERSON", "lastName", "Иванов", "firstName", "Иван"));
        m.put("customFields", customFields);
        return m;
    }

    @Test
    void valuesAreTypedAndAWrongTypeIsRefusedNamingTheField() {
        field("contract", "text");
        field("discount", "number");
        field("birthday", "date");
        field("newsletter", "boolean");
        field("segment", "choice", "choices", List.of("retail", "corporate"));

        Map<String, Object> values = new HashMap<>();
        values.put("contract", "Д-42/2026");
        values.put("discount", 7.5);
        values.put("birthday", "1980-02-29");
        values.put("newsletter", true);
        values.put("segment", "corporate");
        Api.Response created = op.post("/api/v1/customers", card(values));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode f = created.json().get("customFields");
        assertThat(f.get("contract").asString()).isEqualTo("Д-42/2026");
        assertThat(f.get("discount").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(f.get("birthday").asString()).isEqualTo("1980-02-29");
        assertThat(f.get("newsletter").asBoolean()).isTrue();
        assertThat(f.get("segment").asString()).isEqualTo("corporate");
        String id = created.json().get("id").asString();

        Map<String, Object> patch = new HashMap<>();
        patch.put("discount", null);
        patch.put("newsletter", false);
        Api.Response changed = op.patch("/api/v1/customers/" + id, Map.of("customFields", patch));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("customFields").has("discount")).isFalse();
        assertThat(changed.json().get("customFields").get("newsletter").asBoolean()).isFalse();
        assertThat(changed.json().get("customFields").get("contract").asString()).as("keys not given stay").isEqualTo("Д-42/2026");

        record Bad(String key, Object value, String code) {
        }
        for (Bad b : List.of(
                new Bad("discount", "ten", "wrong_type"),
                new Bad("discount", "10", "wrong_type"),
                new Bad("newsletter", "yes", "wrong_type"),
                new Bad("newsletter", 1, "wrong_type"),
                new Bad("birthday", "29.02.1980", "format"),
                new Bad("birthday", "1981-02-29", "format"),
                new Bad("birthday", 19800229, "wrong_type"),
                new Bad("segment", "vip", "unknown_choice"),
                new Bad("contract", 42, "wrong_type"),
                new Bad("contract", "x".repeat(2001), "too_long"),
                new Bad("contract", List.of("a"), "wrong_type"),
                new Bad("shoeSize", 42, "unknown_field"))) {
            Api.Response r = op.post("/api/v1/customers", card(Map.of(b.key(), b.value())));
            assertThat(r.status()).as(b + " -> " + r).isEqualTo(422);
            assertThat(r.code()).as(b + " -> " + r).isEqualTo(b.code());
            assertThat(r.field()).as(b + " -> " + r).isEqualTo("customFields." + b.key());
        }
        assertThat(op.get("/api/v1/customers").json().get("items").size()).as("nothing half-saved").isEqualTo(1);
    }

    @Test
    void aRequiredFieldMustHaveAValueOnEverySavedCard() {
        String inn = field("inn", "text", "required", true);
        Api.Response missing = op.post("/api/v1/customers", card(Map.of()));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("required");
        assertThat(missing.field()).isEqualTo("customFields.inn");
        Map<String, Object> noFields = card(null);
        noFields.remove("customFields");
        assertThat(op.post("/api/v1/customers", noFields).field()).isEqualTo("customFields.inn");

        Api.Response ok = op.post("/api/v1/customers", card(Map.of("inn", "7707083893")));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        String id = ok.json().get("id").asString();
        assertThat(op.patch("/api/v1/customers/" + id, Map.of("position", "Бухгалтер")).status()).isEqualTo(200);
        Map<String, Object> remove = new HashMap<>();
        remove.put("inn", null);
        Api.Response removed = op.patch("/api/v1/customers/" + id, Map.of("customFields", remove));
        assertThat(removed.status()).isEqualTo(422);
        assertThat(removed.field()).isEqualTo("customFields.inn");

        // no longer required: the value may go
        assertThat(admin.patch("/api/v1/customers/fields/" + inn, Map.of("required", false)).status()).isEqualTo(200);
        assertThat(op.patch("/api/v1/customers/" + id, Map.of("customFields", remove)).status()).isEqualTo(200);
    }

    @Test
    void aConfidentialValueIsStoredOnlyEncryptedAndRevealingItIsAudited() {
        String passport = field("passport", "text", "confidential", true);
        String secretText = "4510 123456 выдан ОВД Тверской";
        Api.Response created = op.post("/api/v1/customers", card(Map.of("passport", secretText)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("customFields").has("passport")).isFalse();
        assertThat(created.json().get("hiddenFields").get(0).asString()).isEqualTo("passport");

        Map<String, Object> row = TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select value, secret from customer_field_values where tenant_id = ? and field_id = ?::uuid")
                .params(acme.id().value(), passport).query().singleRow());
        assertThat(row.get("value")).isNull();
        byte[] secret = (byte[]) row.get("secret");
        assertThat(secret).isNotEmpty();
        assertThat(new String(secret, StandardCharsets.UTF_8)).doesNotContain("4510").doesNotContain("Тверской");
        assertThat(new String(secret, StandardCharsets.ISO_8859_1)).doesNotContain("4510");

        Api.Response revealed = op.get("/api/v1/customers/" + id + "?reveal=true");
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.json().get("customFields").get("passport").asString()).isEqualTo(secretText);
        List<String> audit = TenantContext.as(acme.id(), () -> jdbc.sql("""
                        select action || ' ' || coalesce(before_state, '') || ' ' || coalesce(after_state, '')
                          from audit_log where tenant_id = ? and resource_type = 'customer' order by id""")
                .param(acme.id().value()).query(String.class).list());
        assertThat(audit).anySatisfy(a -> assertThat(a).startsWith("customer.confidential_read").contains("passport"));
        assertThat(audit).as("the audit log never holds the plaintext").noneSatisfy(a -> assertThat(a).contains("4510"));

        // a field's confidentiality cannot be switched off to expose stored values
        Api.Response flip = admin.patch("/api/v1/customers/fields/" + passport, Map.of("confidential", false));
        assertThat(flip.status()).isEqualTo(422);
        assertThat(flip.code()).isEqualTo("immutable");
        assertThat(flip.field()).isEqualTo("confidential");
    }

    @Test
    void definitionsAreValidatedAndOnlySettingsManagersChangeThem() {
        String tier = field("tier", "choice", "choices", List.of("gold", "silver"));
        assertThat(op.post("/api/v1/customers/fields", Map.of("key", "x", "type", "text")).status()).isEqualTo(403);
        assertThat(op.get("/api/v1/customers/fields").json().size()).isEqualTo(1);

        record Bad(Map<String, Object> body, int status, String code, String field) {
        }
        for (Bad b : List.of(
                new Bad(Map.of("key", "tier", "type", "text"), 409, "duplicate_key", "key"),
                new Bad(Map.of("key", "Bad Key", "type", "text"), 422, "format", "key"),
                new Bad(Map.of("key", "k1", "type", "money"), 422, "unknown_type", "type"),
                new Bad(Map.of("key", "k2"), 422, "required", "type"),
                new Bad(Map.of("key", "k3", "type", "choice"), 422, "required", "choices"),
                new Bad(Map.of("key", "k4", "type", "choice", "choices", List.of("a", "a")), 422, "duplicate_choice", "choices[1]"),
                new Bad(Map.of("key", "k5", "type", "text", "choices", List.of("a")), 422, "not_for_type", "choices"),
                new Bad(Map.of("key", "k6", "type", "text", "label", "x".repeat(201)), 422, "too_long", "label"),
                new Bad(Map.of("key", "k7", "type", "text", "colour", "red"), 400, "unknown_field", "colour"))) {
            Api.Response r = admin.post("/api/v1/customers/fields", b.body());
            assertThat(r.status()).as(b + " -> " + r).isEqualTo(b.status());
            assertThat(r.code()).as(b + " -> " + r).isEqualTo(b.code());
            assertThat(r.field()).as(b + " -> " + r).isEqualTo(b.field());
        }
        Api.Response retype = admin.patch("/api/v1/customers/fields/" + tier, Map.of("type", "text"));
        assertThat(retype.code()).isEqualTo("immutable");
        Api.Response relabel = admin.patch("/api/v1/customers/fields/" + tier,
                Map.of("label", "Уровень", "choices", List.of("gold", "silver", "bronze"), "version", 0));
        assertThat(relabel.status()).as(relabel.toString()).isEqualTo(200);
        assertThat(relabel.json().get("choices").size()).isEqualTo(3);
        assertThat(admin.patch("/api/v1/customers/fields/" + tier, Map.of("label", "x", "version", 0)).code())
                .isEqualTo("stale_version");

        String id = op.post("/api/v1/customers", card(Map.of("tier", "bronze"))).json().get("id").asString();
        assertThat(admin.delete("/api/v1/customers/fields/" + tier).status()).isEqualTo(204);
        assertThat(op.get("/api/v1/customers/" + id).json().get("customFields").size()).as("its values went with it").isZero();
        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql("select action from audit_log where tenant_id = ?"
                        + " and resource_type = 'customer_field' order by id").param(acme.id().value()).query(String.class).list()))
                .containsExactly("customer_field.create", "customer_field.update", "customer_field.delete");
    }

    @Test
    void theDefaultRegionDecidesNumbersWithoutACountryCode() {
        assertThat(op.get("/api/v1/customers/settings").json().get("defaultRegion").asString()).isEqualTo("RU");
        Api.Response bad = admin.put("/api/v1/customers/settings", Map.of("defaultRegion", "XX"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("defaultRegion");
        assertThat(op.put("/api/v1/customers/settings", Map.of("defaultRegion", "DE")).status()).isEqualTo(403);
        assertThat(admin.put("/api/v1/customers/settings", Map.of("defaultRegion", "de")).json().get("defaultRegion").asString())
                .isEqualTo("DE");
        Map<String, Object> berliner = card(Map.of());
        berliner.put("phones", List.of(Map.of("number", "030 1234567")));
        Api.Response created = op.post("/api/v1/customers", berliner);
        assertThat(created.json().get("phones").get(0).get("number").asString()).isEqualTo("+49301234567");
        assertThat(op.get("/api/v1/customers/match?phone=" + "0301234567").json().size()).isEqualTo(1);
        assertThat(op.get("/api/v1/customers/match?phone=%2B49301234567").json().size()).isEqualTo(1);
    }

    @Test
    void anotherTenantDoesNotSeeTheFieldsNorTheirValues() {
        String inn = field("inn", "text", "confidential", true);
        String id = op.post("/api/v1/customers", card(Map.of("inn", "7707083893"))).json().get("id").asString();

        TestTenant other = tenants.create();
        Api theirAdmin = api.as(other.token(api, "admin"));
        other.user("op", "operator");
        Api them = api.as(other.token(api, "op"));
        assertThat(them.get("/api/v1/customers/fields").json().size()).isZero();
        assertThat(them.get("/api/v1/customers/fields/" + inn).status()).isEqualTo(404);
        assertThat(theirAdmin.patch("/api/v1/customers/fields/" + inn, Map.of("label", "mine")).status()).isEqualTo(404);
        assertThat(theirAdmin.delete("/api/v1/customers/fields/" + inn).status()).isEqualTo(404);
        assertThat(them.get("/api/v1/customers/" + id + "?reveal=true").status()).isEqualTo(404);
        Api.Response unknown = them.post("/api/v1/customers", card(Map.of("inn", "1")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("unknown_field");
        // the same key is free in the other tenant
        assertThat(theirAdmin.post("/api/v1/customers/fields", Map.of("key", "inn", "type", "number")).status()).isEqualTo(201);
        assertThat(TenantContext.as(other.id(), () -> jdbc.sql("select count(*) from customer_field_values")
                .query(Long.class).single())).isZero();
        assertThat(op.get("/api/v1/customers/fields").json().get(0).get("type").asString()).isEqualTo("TEXT");
    }
}
