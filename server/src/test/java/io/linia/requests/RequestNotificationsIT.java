package io.linia.requests;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CASE-4: e-mails on registration, status change and escalation, from the tenant's templates in
 * the recipient's language, through a real SMTP server (GreenMail, in-process, on the port of
 * application-test.yml).
 */
@IntegrationTest
class RequestNotificationsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(39251, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler scheduler;

    Api api;
    TestTenant acme;
    Api pm;
    Api op;
    String projectId;
    String customerId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.patch("/api/v1/users/" + pmId, Map.of("language", "ru")).status()).isEqualTo(200);
        pm = api.as(acme.token(api, "pm"));
        op = api.as(acme.token(api, "op"));
        projectId = project(pm, "HOT", pmId);
        configure(pm, projectId, setup(List.of(), List.of(opId)));
        Map<String, Object> card = new HashMap<>();
        card.put("kind", "PERSON");
        card.put("lastName", "Клиентов");
        card.put("emails", List.of(Map.of("address", "client@example.ru")));
        customerId = op.post("/api/v1/customers", card).json().get("id").asString();
    }

    private List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void registrationStatusChangeAndEscalationAreMailedFromTheTemplates() throws Exception {
        Api.Response edited = pm.put("/api/v1/requests/templates/overdue/ru",
                Map.of("subject", "СРОЧНО: №{number} просрочено", "body", "Заявка «{subject}» просрочена ({deadline})."));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("custom").asBoolean()).isTrue();
        Api.Response unknown = pm.put("/api/v1/requests/templates/overdue/en", Map.of("subject", "{secret}", "body", "x"));
        assertThat(unknown.code()).isEqualTo("unknown_placeholder");
        assertThat(unknown.field()).isEqualTo("subject");
        assertThat(pm.get("/api/v1/requests/templates/lost/en").status()).isEqualTo(404);

        Map<String, Object> body = complaint(projectId, "Протечка", Map.of("amount", 1));
        body.put("customerId", customerId);
        Api.Response created = op.post("/api/v1/requests", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        long number = created.json().get("number").asLong();

        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage toCustomer = to("client@example.ru").get(0);
        assertThat(toCustomer.getSubject()).isEqualTo("Request #" + number + " registered");
        assertThat(text(toCustomer)).contains("Протечка").contains("Проект HOT");
        assertThat(to("op@example.org")).as("the executor").hasSize(1);

        op.post("/api/v1/requests/" + id + "/transitions", Map.of("operation", "take"));
        assertThat(smtp.waitForIncomingEmail(5000, 3)).isTrue();
        assertThat(to("client@example.ru").get(1).getSubject()).isEqualTo("Request #" + number + ": status \"В работе\"");
        assertThat(text(to("client@example.ru").get(1))).contains("Новое → В работе");

        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(121));
        assertThat(smtp.waitForIncomingEmail(5000, 4)).isTrue();
        // other tests' requests share the virtual clock and the address pm@example.org: pick this tenant's template
        MimeMessage toManager = to("pm@example.org").stream().filter(m -> subject(m).startsWith("СРОЧНО")).findFirst()
                .orElseThrow();
        assertThat(toManager.getSubject()).as("the manager's language, the tenant's template")
                .isEqualTo("СРОЧНО: №" + number + " просрочено");
        assertThat(text(toManager)).contains("resolution");

        List<String> log = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select event || ' ' || recipient || ' ' || status from request_notifications where tenant_id = ? order by id")
                .param(acme.id().value()).query(String.class).list());
        assertThat(log).containsExactly("registered client@example.ru SENT", "registered op@example.org SENT",
                "status_changed client@example.ru SENT", "overdue pm@example.org SENT");
    }

    @Test
    void aClaimIsMailedToTheProjectsManagers() throws Exception {
        TestTenant t = acme;
        UUID clientId = t.user("client", "customer");
        configure(pm, projectId, withVersion(setup(List.of(clientId), List.of()), 1));
        Api client = api.as(t.token(api, "client"));
        assertThat(client.post("/api/v1/claims", Map.of("projectId", projectId, "text", "Никто не перезвонил")).status())
                .isEqualTo(201);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = to("pm@example.org").stream().filter(x -> subject(x).startsWith("Претензия")).findFirst()
                .orElseThrow();
        assertThat(m.getSubject()).isEqualTo("Претензия по проекту Проект HOT");
        assertThat(text(m)).contains("Никто не перезвонил");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage m) throws Exception {
        return (String) m.getContent();
    }

    private static Map<String, Object> withVersion(Map<String, Object> s, int version) {
        s.put("version", version);
        return s;
    }
}
