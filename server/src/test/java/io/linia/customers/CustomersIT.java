package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Customer cards over the REST API (CRM-1), matching by phone and e-mail (CRM-2), audit and permissions. */
@IntegrationTest
class CustomersIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Customers customers;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

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

    static Map<String, Object> person(String last, String first, String... phones) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "person");
        m.put("lastName", last);
        m.put("firstName", first);
        List<Map<String, Object>> list = new ArrayList<>();
        for (String p : phones) {
            list.add(Map.of("number", p, "label", "work"));
        }
        m.put("phones", list);
        return m;
    }

    private String create(Map<String, Object> body) {
        Api.Response r = op.post("/api/v1/customers", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private List<String> audit(String action) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select coalesce(after_state, before_state) from audit_log where tenant_id = ? and action = ? order by id")
                .params(acme.id().value(), action).query(String.class).list());
    }

    @Test
    void aCardIsCreatedReadChangedAndDeletedAndEveryChangeIsAudited() {
        Map<String, Object> ivanov = person("Иванов", "Иван", "8 (495) 123-45-67 доб. 12", "+7 916 123 45 67");
        ivanov.put("middleName", "Петрович");
        ivanov.put("position", "Главный инженер");
        ivanov.put("emails", List.of(Map.of("address", "  Ivan.Ivanov@Example.RU ", "label", "work")));
        ivanov.put("notes", List.of("Звонит по вторникам"));
        ivanov.put("city", "Москва");
        Api.Response created = op.post("/api/v1/customers", ivanov);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode card = created.json();
        String id = card.get("id").asString();
        assertThat(card.get("kind").asString()).isEqualTo("PERSON");
        assertThat(card.get("displayName").asString()).isEqualTo("Иванов Иван Петрович");
        assertThat(card.get("phones").get(0).get("number").asString()).isEqualTo("+74951234567");
        assertThat(card.get("phones").get(0).get("extension").asString()).isEqualTo("12");
        assertThat(card.get("phones").get(0).get("raw").asString()).isEqualTo("8 (495) 123-45-67 доб. 12");
        assertThat(card.get("phones").get(1).get("number").asString()).isEqualTo("+79161234567");
        assertThat(card.get("emails").get(0).get("address").asString()).isEqualTo("ivan.ivanov@example.ru");
        assertThat(card.get("notes").get(0).get("text").asString()).isEqualTo("Звонит по вторникам");
        assertThat(card.get("notes").get(0).get("authorName").asString()).isEqualTo("User op");
        assertThat(card.get("version").asInt()).isZero();

        Api.Response read = op.get("/api/v1/customers/" + id);
        assertThat(read.json().get("position").asString()).isEqualTo("Главный инженер");

        Map<String, Object> patch = new HashMap<>();
        patch.put("middleName", "");
        patch.put("position", "Директор");
        patch.put("phones", List.of(Map.of("number", "84951112233")));
        patch.put("notes", List.of("Перезвонить в пятницу"));
        patch.put("version", 0);
        Api.Response changed = op.patch("/api/v1/customers/" + id, patch);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("displayName").asString()).isEqualTo("Иванов Иван");
        assertThat(changed.json().get("middleName").isNull()).isTrue();
        assertThat(changed.json().get("position").asString()).isEqualTo("Директор");
        assertThat(changed.json().get("city").asString()).as("untouched fields stay").isEqualTo("Москва");
        assertThat(changed.json().get("phones").size()).isEqualTo(1);
        assertThat(changed.json().get("phones").get(0).get("number").asString()).isEqualTo("+74951112233");
        assertThat(changed.json().get("emails").size()).as("lists not given stay").isEqualTo(1);
        assertThat(changed.json().get("notes").size()).isEqualTo(2);
        assertThat(changed.json().get("version").asInt()).isEqualTo(1);
        Api.Response stale = op.patch("/api/v1/customers/" + id, patch);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        Api.Response note = op.post("/api/v1/customers/" + id + "/notes", Map.of("text", "Третья заметка"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        String noteId = note.json().get("id").asString();
        assertThat(op.delete("/api/v1/customers/" + id + "/notes/" + noteId).status()).isEqualTo(204);
        assertThat(op.get("/api/v1/customers/" + id).json().get("notes").size()).isEqualTo(2);

        assertThat(op.delete("/api/v1/customers/" + id).status()).isEqualTo(204);
        assertThat(op.get("/api/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(op.delete("/api/v1/customers/" + id).status()).isEqualTo(404);

        assertThat(audit("customer.create")).singleElement().asString().contains("+74951234567");
        assertThat(audit("customer.update")).singleElement().asString().contains("Директор");
        assertThat(audit("customer.note_add")).singleElement().asString().contains("Третья заметка");
        assertThat(audit("customer.note_delete")).hasSize(1);
        assertThat(audit("customer.delete")).singleElement().asString().contains("Иванов Иван");
    }

    @Test
    void anOrganizationHasItsPeopleAndDeletingItUnlinksThem() {
        Map<String, Object> org = new HashMap<>();
        org.put("kind", "ORGANIZATION");
        org.put("name", "ООО «Ромашка»");
        org.put("holding", "Цветы");
        org.put("industry", "Retail");
        org.put("status", "client");
        org.put("region", "Московская область");
        org.put("city", "Химки");
        org.put("address", "ул. Ленина, 1\nофис 5");
        org.put("website", "https://romashka.example");
        org.put("phones", List.of(Map.of("number", "8 (495) 700-00-00", "label", "switchboard")));
        String orgId = create(org);
        Map<String, Object> person = person("Смирнова", "Анна", "8 (495) 700-00-00");
        person.put("organizationId", orgId);
        String personId = create(person);
        assertThat(op.get("/api/v1/customers/" + personId).json().get("organizationId").asString()).isEqualTo(orgId);

        Map<String, Object> toPerson = person("Кузнецов", "Олег");
        toPerson.put("organizationId", personId);
        Api.Response r = op.post("/api/v1/customers", toPerson);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("not_an_organization");
        assertThat(r.field()).isEqualTo("organizationId");

        assertThat(op.delete("/api/v1/customers/" + orgId).status()).isEqualTo(204);
        Api.Response after = op.get("/api/v1/customers/" + personId);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("organizationId").isNull()).isTrue();
    }

    @Test
    void aCallFrom8495FindsTheCustomerStoredAsE164() {
        String id = create(person("Петров", "Пётр", "+74951234567"));
        Map<String, Object> withMail = person("Сидоров", "Сидор", "+7 916 765-43-21");
        withMail.put("emails", List.of(Map.of("address", "sidorov@example.org")));
        String sid = create(withMail);

        Api.Response byPhone = op.get("/api/v1/customers/match?phone=" + enc("8 495 123-45-67"));
        assertThat(byPhone.status()).as(byPhone.toString()).isEqualTo(200);
        assertThat(byPhone.json().size()).isEqualTo(1);
        assertThat(byPhone.json().get(0).get("id").asString()).isEqualTo(id);
        for (String format : List.of("84951234567", "4951234567", "+7 (495) 123-45-67", "74951234567")) {
            assertThat(op.get("/api/v1/customers/match?phone=" + enc(format)).json().get(0).get("id").asString())
                    .as(format).isEqualTo(id);
        }
        assertThat(op.get("/api/v1/customers/match?phone=" + enc("8 495 000-00-00")).json().size()).isZero();
        assertThat(op.get("/api/v1/customers/match?email=" + enc(" SIDOROV@Example.org")).json().get(0).get("id").asString())
                .isEqualTo(sid);

        // the Java API the workstation calls with the switch's caller id
        List<CustomerSummary> found = TenantContext.as(acme.id(), () -> customers.byPhone(acme.id(), "8 495 123-45-67"));
        assertThat(found).extracting(s -> s.id().toString()).containsExactly(id);
        assertThat(TenantContext.as(acme.id(), () -> customers.byPhone(acme.id(), "anonymous"))).isEmpty();
        assertThat(TenantContext.as(acme.id(), () -> customers.byEmail(acme.id(), "Sidorov@example.org"))).hasSize(1);

        // the list's search takes a phone in any format, an e-mail, or a part of the name
        assertThat(ids(op.get("/api/v1/customers?q=" + enc("8 (495) 123 45 67")))).containsExactly(id);
        assertThat(ids(op.get("/api/v1/customers?q=" + enc("sidorov@example.org")))).containsExactly(sid);
        assertThat(ids(op.get("/api/v1/customers?q=" + enc("петр")))).containsExactly(id);
        assertThat(ids(op.get("/api/v1/customers?q=" + enc("100%_")))).isEmpty();
    }

    @Test
    void theListIsPagedInNameOrderWithACursor() {
        for (String last : List.of("Егоров", "Алексеев", "Борисов", "Дмитриев", "Васильев")) {
            create(person(last, "Тест"));
        }
        List<String> names = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Api.Response page = op.get("/api/v1/customers?limit=2" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(c -> names.add(c.get("displayName").asString()));
            after = page.json().get("next").isNull() ? null : page.json().get("next").asString();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("Алексеев Тест", "Борисов Тест", "Васильев Тест", "Дмитриев Тест", "Егоров Тест");
        Api.Response bad = op.get("/api/v1/customers?after=not-a-cursor");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("after");
    }

    @Test
    void aSharedPhoneIsAllowedButTheSameCustomerTwiceIsAConflict() {
        create(person("Орлов", "Олег", "8 (495) 700-00-00"));
        create(person("Орлова", "Ольга", "+7 495 700 00 00"));
        create(person("Орлов", "Олег", "+7 495 700 00 01"));
        Api.Response dup = op.post("/api/v1/customers", person("ОРЛОВ", "олег ", "+7 916 000 00 00", "84957000000"));
        assertThat(dup.status()).as(dup.toString()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("duplicate_customer");
        assertThat(dup.field()).isEqualTo("phones[1].number");

        String other = create(person("Орлов", "Олег", "+7 916 000 00 09"));
        Api.Response intoDup = op.patch("/api/v1/customers/" + other, Map.of("phones", List.of(Map.of("number", "84957000000"))));
        assertThat(intoDup.status()).isEqualTo(409);
        assertThat(intoDup.code()).isEqualTo("duplicate_customer");
        assertThat(op.get("/api/v1/customers/match?phone=84957000000").json().size()).isEqualTo(2);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsSaved() {
        record Case(Map<String, Object> body, int status, String code, String field) {
        }
        Map<String, Object> bigName = person("x".repeat(101), "A");
        Map<String, Object> control = person("Null\u0000Byte", "A");
        Map<String, Object> orgFieldOnPerson = person("Ivanov", "Ivan");
        orgFieldOnPerson.put("holding", "Big");
        Map<String, Object> noName = new HashMap<>(Map.of("kind", "organization"));
        Map<String, Object> badMail = person("Ivanov", "Ivan");
        badMail.put("emails", List.of(Map.of("address", "ivan@@example")));
        Map<String, Object> site = new HashMap<>(Map.of("kind", "organization", "name", "X", "website", "javascript:alert(1)"));
        Map<String, Object> unknown = person("Ivanov", "Ivan");
        unknown.put("shoeSize", 42);
        Map<String, Object> phonesNotList = new HashMap<>(Map.of("kind", "person", "lastName", "A", "phones", "8495"));
        Map<String, Object> twice = person("Ivanov", "Ivan", "8 495 123-45-67", "+74951234567");
        Map<String, Object> manyPhones = person("Ivanov", "Ivan");
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Map.of("number", "+7 916 000 00 " + (10 + i)));
        }
        manyPhones.put("phones", many);
        Map<String, Object> badOrg = person("Ivanov", "Ivan");
        badOrg.put("organizationId", "not-a-uuid");
        List<Case> cases = List.of(
                new Case(person("Ivanov", "Ivan", "8 495 123-45-6"), 422, "invalid_number", "phones[0].number"),
                new Case(person("Ivanov", "Ivan", "+7 495 123 45 67", "call me"), 422, "not_a_number", "phones[1].number"),
                new Case(person("Ivanov", "Ivan", " "), 422, "required", "phones[0].number"),
                new Case(twice, 422, "duplicate_phone", "phones[1].number"),
                new Case(manyPhones, 422, "too_many", "phones"),
                new Case(badMail, 422, "email", "emails[0].address"),
                new Case(new HashMap<>(Map.of("lastName", "A")), 422, "required", "kind"),
                new Case(new HashMap<>(Map.of("kind", "robot", "lastName", "A")), 422, "unknown_kind", "kind"),
                new Case(new HashMap<>(Map.of("kind", "person")), 422, "required", "lastName"),
                new Case(noName, 422, "required", "name"),
                new Case(orgFieldOnPerson, 422, "not_for_kind", "holding"),
                new Case(bigName, 422, "too_long", "lastName"),
                new Case(control, 422, "control_characters", "lastName"),
                new Case(site, 422, "format", "website"),
                new Case(badOrg, 422, "format", "organizationId"),
                new Case(unknown, 400, "unknown_field", "shoeSize"),
                new Case(phonesNotList, 400, "wrong_type", "phones"));
        for (Case c : cases) {
            Api.Response r = op.post("/api/v1/customers", c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            assertThat(r.code()).as(c + " -> " + r).isEqualTo(c.code());
            assertThat(r.field()).as(c + " -> " + r).isEqualTo(c.field());
        }
        assertThat(op.post("/api/v1/customers", "{\"kind\":").status()).isEqualTo(400);
        assertThat(op.get("/api/v1/customers/not-a-uuid").status()).isEqualTo(400);
        Api.Response badMatch = op.get("/api/v1/customers/match?phone=" + enc("12-34"));
        assertThat(badMatch.status()).isEqualTo(422);
        assertThat(badMatch.field()).isEqualTo("phone");
        assertThat(op.get("/api/v1/customers/match").field()).isEqualTo("phone");
        assertThat(op.get("/api/v1/customers/match?email=nobody").field()).isEqualTo("email");
        assertThat(op.get("/api/v1/customers?limit=0").field()).isEqualTo("limit");
        assertThat(op.get("/api/v1/customers").json().get("items").size()).as("nothing half-saved").isZero();

        // markup is data: stored and returned as the text it is, in JSON, never as HTML
        Api.Response script = op.post("/api/v1/customers", person("<script>alert(1)</script>", "<b>Bold</b>"));
        assertThat(script.status()).isEqualTo(201);
        assertThat(script.header("Content-Type")).contains("json");
        assertThat(script.json().get("displayName").asString()).isEqualTo("<script>alert(1)</script> <b>Bold</b>");
    }

    @Test
    void readingNeedsCustomerViewAndChangingCustomerManage() {
        Api admin = api.as(acme.token(api, "admin"));
        acme.user("qa", "qa_specialist");
        Api qa = api.as(acme.token(api, "qa"));
        String id = create(person("Иванов", "Иван"));
        assertThat(admin.get("/api/v1/customers").status()).isEqualTo(403);
        assertThat(qa.get("/api/v1/customers/" + id).status()).isEqualTo(200);
        assertThat(qa.post("/api/v1/customers", person("Петров", "Пётр")).status()).isEqualTo(403);
        assertThat(qa.delete("/api/v1/customers/" + id).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers").status()).isEqualTo(401);
    }

    @Test
    void anotherTenantNeitherSeesNorMatchesNorChangesTheCards() {
        Map<String, Object> org = new HashMap<>(Map.of("kind", "organization", "name", "Acme"));
        org.put("phones", List.of(Map.of("number", "+74951234567")));
        org.put("emails", List.of(Map.of("address", "info@acme.example")));
        String id = create(org);

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api them = api.as(other.token(api, "op"));
        assertThat(them.get("/api/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(them.patch("/api/v1/customers/" + id, Map.of("name", "Mine")).status()).isEqualTo(404);
        assertThat(them.delete("/api/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(them.post("/api/v1/customers/" + id + "/notes", Map.of("text", "hi")).status()).isEqualTo(404);
        assertThat(them.get("/api/v1/customers/match?phone=84951234567").json().size()).isZero();
        assertThat(them.get("/api/v1/customers/match?email=info@acme.example").json().size()).isZero();
        assertThat(them.get("/api/v1/customers?q=acme").json().get("items").size()).isZero();
        assertThat(them.get("/api/v1/customers").json().get("items").size()).isZero();
        Map<String, Object> linked = person("Spy", "Sam");
        linked.put("organizationId", id);
        Api.Response link = them.post("/api/v1/customers", linked);
        assertThat(link.status()).isEqualTo(422);
        assertThat(link.code()).isEqualTo("unknown_organization");
        // the same card with the same phone in the other tenant is no duplicate there
        Api.Response same = them.post("/api/v1/customers", org);
        assertThat(same.status()).isEqualTo(201);
        assertThat(TenantContext.as(other.id(), () -> customers.byPhone(other.id(), "84951234567")))
                .extracting(s -> s.id().toString()).containsExactly(same.json().get("id").asString());
        // row-level security, the second lock: even a query without a tenant filter sees only its tenant
        assertThat(TenantContext.as(other.id(), () -> jdbc.sql("select count(*) from customer_phones where e164 = '+74951234567'")
                .query(Long.class).single())).isEqualTo(1);
        assertThat(op.get("/api/v1/customers/" + id).json().get("name").asString()).isEqualTo("Acme");
    }

    @Test
    void theCallerLookupIsAnIndexProbeEvenUnderRowLevelSecurity() {
        create(person("Петров", "Пётр", "+74951234567"));
        // with sequential scans off, a plan without the index would mean the policy blocks it
        String plan = TenantContext.as(acme.id(), () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .execute(tx -> {
                    jdbc.sql("set local enable_seqscan = off").update();
                    return String.join("\n", jdbc.sql("explain select customer_id from customer_phones where tenant_id = ? and e164 = ?")
                            .params(acme.id().value(), "+74951234567").query(String.class).list());
                }));
        assertThat(plan).contains("customer_phones_e164");
        // the match as Customers runs it: from the phone's index to the cards by primary key, not
        // a walk over the tenant's names in order (which a million-card tenant would feel)
        String match = TenantContext.as(acme.id(), () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .execute(tx -> {
                    jdbc.sql("set local enable_seqscan = off").update();
                    return String.join("\n", jdbc.sql("explain with m as materialized (select customer_id from customer_phones"
                                    + " where tenant_id = ? and e164 = ?) select distinct c.id, lower(c.display_name) as k"
                                    + " from m join customers c on c.tenant_id = ? and c.id = m.customer_id order by k, c.id limit 50")
                            .params(acme.id().value(), "+74951234567", acme.id().value()).query(String.class).list());
                }));
        assertThat(match).contains("CTE m").contains("customer_phones_e164").contains("CTE Scan on m")
                .doesNotContain("customer_search");
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        page.json().get("items").forEach(c -> out.add(c.get("id").asString()));
        return out;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
