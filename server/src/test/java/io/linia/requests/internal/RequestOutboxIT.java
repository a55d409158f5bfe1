package io.linia.requests.internal;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.MutableClock;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.requests.NotificationView;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.Race;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * CASE-4 notification outbox against a real SMTP server (GreenMail on the port of
 * application-test.yml) that this test starts and stops: while it is down, notifications stay
 * pending and count their attempts; when it is back they are sent once; two dispatchers never send
 * the same one; when the attempts run out the tenant's administrators see the failure and send it
 * again. In virtual time the dispatcher runs on the committing or clock-advancing thread, so each
 * step is done when the call that caused it returns.
 */
@IntegrationTest
class RequestOutboxIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Scheduler scheduler;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    ObjectProvider<JavaMailSender> mail;
    @Autowired
    PlatformTransactionManager transactions;

    Api api;
    GreenMail smtp;

    /** A tenant whose project mails the customer, and only the customer, on registration. */
    record Desk(TestTenant tenant, String projectId, String customerId, String address, Api api) {

        Api as(String login) {
            return api.as(tenant.token(api, login));
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterEach
    void mailDown() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    private void mailUp() {
        smtp = new GreenMail(new ServerSetup(39251, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private Desk desk() {
        TestTenant t = tenants.create();
        UUID pm = t.user("pm", "project_manager");
        UUID op = t.user("op", "operator");
        Api asPm = api.as(t.token(api, "pm"));
        String project = project(asPm, "MAIL", pm);
        Map<String, Object> s = setup(List.of(), List.of(op));
        s.put("notifications", Map.of("registered", List.of("CUSTOMER")));
        configure(asPm, project, s);
        String address = "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
        Map<String, Object> card = new HashMap<>();
        card.put("kind", "PERSON");
        card.put("lastName", "Клиентов");
        card.put("emails", List.of(Map.of("address", address)));
        Api.Response c = api.as(t.token(api, "op")).post("/api/v1/customers", card);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return new Desk(t, project, c.json().get("id").asString(), address, api);
    }

    private String register(Desk d, Api op, String subject) {
        Map<String, Object> body = complaint(d.projectId(), subject, Map.of("amount", 1));
        body.put("customerId", d.customerId());
        return create(op, body);
    }

    private List<NotificationView> notifications(Desk d, String requestId) {
        return TenantContext.as(d.tenant().id(), () -> outbox.list(d.tenant().id(), null, UUID.fromString(requestId), null, 10));
    }

    private NotificationView only(Desk d, String requestId) {
        List<NotificationView> all = notifications(d, requestId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<String> received(String address) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                subjects.add(m.getSubject());
            }
        }
        return subjects;
    }

    private MailDispatcher otherNode(int batchSize) {
        return new MailDispatcher(outbox, mail, new RequestMailProperties("linia@localhost", "", Duration.ofHours(6),
                batchSize, 10, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(5)),
                new VirtualScheduler(clock), transactions);
    }

    @Test
    void whileTheMailServerIsDownTheNotificationWaitsAndWhenItIsBackItIsSentOnce() throws Exception {
        Desk d = desk();
        String id = register(d, d.as("op"), "Нет света");

        NotificationView waiting = only(d, id);
        assertThat(waiting.status()).as("the request is registered; its mail waits").isEqualTo("PENDING");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.error()).containsIgnoringCase("connect");
        assertThat(waiting.nextAttemptAt()).isEqualTo(waiting.createdAt().plus(Duration.ofMinutes(1)));
        assertThat(waiting.subject()).isEqualTo("Request #1 registered");
        assertThat(d.as("op").get("/api/v1/requests/" + id).status()).isEqualTo(200);

        mailUp();
        ((VirtualScheduler) scheduler).advance(Duration.ofSeconds(59));
        assertThat(only(d, id).status()).as("not before its next attempt").isEqualTo("PENDING");
        assertThat(received(d.address())).isEmpty();
        ((VirtualScheduler) scheduler).advance(Duration.ofSeconds(1));
        NotificationView sent = only(d, id);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(received(d.address())).containsExactly("Request #1 registered");

        // later passes, of this node or another, find nothing more to send
        ((VirtualScheduler) scheduler).advance(Duration.ofHours(7));
        otherNode(20).dispatchDue();
        assertThat(received(d.address())).hasSize(1);
        assertThat(only(d, id).attempts()).isEqualTo(2);
    }

    @Test
    void inRealTimeTheMailGoesOutOnTheOutboxThreadOnceTheChangeCommitted() throws Exception {
        Desk d = desk();
        mailUp();
        List<String> threads = new CopyOnWriteArrayList<>();
        JavaMailSenderImpl recording = new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) {
                threads.add(Thread.currentThread().getName());
                super.doSend(messages, originals);
            }
        };
        recording.setHost("127.0.0.1");
        recording.setPort(39251);
        Scheduler realTime = new Scheduler() { // not virtual: the dispatcher hands sending to its own thread
            @Override
            public Task schedule(Instant at, Runnable work) {
                return () -> { };
            }

            @Override
            public Instant now() {
                return clock.instant();
            }
        };
        MailDispatcher node = new MailDispatcher(outbox, new StaticListableBeanFactory(Map.of("mail", recording))
                .getBeanProvider(JavaMailSender.class), new RequestMailProperties("linia@localhost", "", Duration.ofHours(6),
                20, 10, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(5)), realTime, transactions);
        try {
            long id = TenantContext.as(d.tenant().id(), () -> new TransactionTemplate(transactions).execute(tx -> {
                long written = outbox.add(d.tenant().id(), null, "claim", d.address(), "Претензия", "Текст", clock.instant());
                node.sendAfterCommit(written);
                return written; // a send before this commit would find no row and leave it pending
            }));
            await().atMost(Duration.ofSeconds(20)).until(() -> TenantContext.as(d.tenant().id(),
                    () -> outbox.find(d.tenant().id(), id).orElseThrow().status()).equals("SENT"));
            assertThat(threads).containsExactly("linia-mail-outbox");
            assertThat(received(d.address())).containsExactly("Претензия");
        } finally {
            node.stop();
        }
    }

    @Test
    void aMessageThatCannotBeBuiltFailsAtOnceAndTheRestOfTheBatchIsSent() throws Exception {
        Desk d = desk();
        mailUp();
        long[] ids = TenantContext.as(d.tenant().id(), () -> new TransactionTemplate(transactions).execute(tx -> new long[] {
                outbox.add(d.tenant().id(), null, "claim", "<unclosed@example.org", "Претензия", "Текст", clock.instant()),
                outbox.add(d.tenant().id(), null, "claim", d.address(), "Претензия", "Текст", clock.instant())}));
        otherNode(20).dispatchDue();
        NotificationView broken = TenantContext.as(d.tenant().id(), () -> outbox.find(d.tenant().id(), ids[0]).orElseThrow());
        assertThat(broken.status()).as("no retry can help").isEqualTo("FAILED");
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(broken.error()).isNotBlank();
        assertThat(TenantContext.as(d.tenant().id(), () -> outbox.find(d.tenant().id(), ids[1]).orElseThrow().status()))
                .isEqualTo("SENT");
        assertThat(received(d.address())).containsExactly("Претензия");
    }

    @Test
    void twoDispatchersClaimingAtOnceSendEachNotificationOnce() throws Exception {
        Desk d = desk();
        Api op = d.as("op");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(register(d, op, "Заявка " + i)); // the server is down: each waits for its next attempt
        }
        mailUp();
        clock.advance(Duration.ofMinutes(1)); // due again; the application's own dispatcher is not woken

        MailDispatcher one = otherNode(2);
        MailDispatcher two = otherNode(2);
        assertThat(Race.sum(one::dispatchDue, two::dispatchDue)).isGreaterThanOrEqualTo(ids.size());
        List<String> subjects = received(d.address());
        assertThat(subjects).hasSize(ids.size());
        assertThat(new HashSet<>(subjects)).as("each request's mail once").hasSize(ids.size());
        for (String id : ids) {
            NotificationView n = only(d, id);
            assertThat(n.status()).isEqualTo("SENT");
            assertThat(n.attempts()).isEqualTo(2);
        }
    }

    @Test
    void whenTheAttemptsRunOutTheTenantsAdministratorSeesTheFailureAndSendsItAgain() throws Exception {
        Desk d = desk();
        Desk other = desk();
        String id = register(d, d.as("op"), "Протечка");
        // attempts at 0, 1, 3, 7, 15, 31, 63, 123, 183 and 243 minutes
        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(242));
        assertThat(only(d, id).attempts()).isEqualTo(9);
        assertThat(only(d, id).status()).isEqualTo("PENDING");
        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(1));
        NotificationView failed = only(d, id);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(10);
        assertThat(failed.nextAttemptAt()).isNull();

        Api admin = d.as("admin");
        JsonNode list = admin.get("/api/v1/notifications?status=failed&request=" + id).json();
        assertThat(list.get("items").size()).isEqualTo(1);
        JsonNode item = list.get("items").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(failed.id());
        assertThat(item.get("recipient").asString()).isEqualTo(d.address());
        assertThat(item.get("attempts").asInt()).isEqualTo(10);
        assertThat(item.get("error").asString()).containsIgnoringCase("connect");
        assertThat(d.as("pm").get("/api/v1/notifications/" + failed.id()).status()).as("a project manager too").isEqualTo(200);
        assertThat(d.as("op").get("/api/v1/notifications?status=failed").status()).isEqualTo(403);
        Api.Response unknown = admin.get("/api/v1/notifications?status=lost");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.field()).isEqualTo("status");

        // another tenant's administrator: not in its list, 404 when named
        Api stranger = other.as("admin");
        for (JsonNode n : stranger.get("/api/v1/notifications?status=failed").json().get("items")) {
            assertThat(n.get("id").asLong()).isNotEqualTo(failed.id());
        }
        assertThat(stranger.get("/api/v1/notifications/" + failed.id()).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/notifications/" + failed.id() + "/retry", Map.of()).status()).isEqualTo(404);
        assertThat(only(d, id).status()).isEqualTo("FAILED");

        // sent again by the administrator once the server is back
        mailUp();
        Api.Response retried = admin.post("/api/v1/notifications/" + failed.id() + "/retry", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(only(d, id).status()).isEqualTo("SENT");
        assertThat(only(d, id).attempts()).isEqualTo(1);
        assertThat(received(d.address())).containsExactly("Request #1 registered");
        Api.Response again = admin.post("/api/v1/notifications/" + failed.id() + "/retry", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("not_failed");
        List<String> audit = TenantContext.as(d.tenant().id(), () -> jdbc.sql(
                        "select resource_id from audit_log where tenant_id = ? and action = 'request_notification.retry'")
                .param(d.tenant().id().value()).query(String.class).list());
        assertThat(audit).containsExactly(Long.toString(failed.id()));
    }
}
