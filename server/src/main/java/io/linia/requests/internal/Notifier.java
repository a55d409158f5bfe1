package io.linia.requests.internal;

import io.linia.customers.CustomerView;
import io.linia.customers.Customers;
import io.linia.identity.TenantService;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.requests.ClaimSent;
import io.linia.requests.Claims;
import io.linia.requests.NotificationTemplates;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestOverdue;
import io.linia.requests.RequestRegistered;
import io.linia.requests.RequestSetups;
import io.linia.requests.RequestStatusChanged;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CASE-4: e-mails on request events, written to the outbox in the transaction of the change.
 * Who gets one is the project setup's {@code notifications} rule for the event (CUSTOMER: the
 * card's e-mail addresses, in the tenant's language; EXECUTORS: the executor or the executor
 * group's members; MANAGERS: the project's managers — staff in their own language). A claim always
 * goes to the managers. Each notification is rendered from the tenant's template and stored in
 * {@code request_notifications} as PENDING; {@link MailDispatcher} sends it after commit (and
 * retries). Without an SMTP server it is stored as SKIPPED.
 *
 * <p>The listeners run where the event is published, inside the change's transaction, so the
 * notification commits or rolls back with the change; they work in a savepoint of their own, so a
 * notification that cannot be written (a deleted card, a broken template) never undoes the change.
 */
@Component
@EnableConfigurationProperties(RequestMailProperties.class)
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private record Recipient(String address, String language) {
    }

    private final RequestRepository rows;
    private final RequestSetups setups;
    private final Projects projects;
    private final Customers customers;
    private final UserService users;
    private final TenantService tenants;
    private final NotificationTemplates templates;
    private final Claims claims;
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationOutbox outbox;
    private final MailDispatcher dispatcher;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    Notifier(RequestRepository rows, RequestSetups setups, Projects projects, Customers customers, UserService users,
             TenantService tenants, NotificationTemplates templates, Claims claims, ObjectProvider<JavaMailSender> mail,
             NotificationOutbox outbox, MailDispatcher dispatcher, PlatformTransactionManager transactions, Clock clock) {
        this.rows = rows;
        this.setups = setups;
        this.projects = projects;
        this.customers = customers;
        this.users = users;
        this.tenants = tenants;
        this.templates = templates;
        this.claims = claims;
        this.mail = mail;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @EventListener
    void registered(RequestRegistered e) {
        inSavepoint(e.tenant(), "registered", () -> notify(e.tenant(), e.requestId(), "registered", Map.of()));
    }

    @EventListener
    void statusChanged(RequestStatusChanged e) {
        inSavepoint(e.tenant(), "status_changed",
                () -> notify(e.tenant(), e.requestId(), "status_changed", Map.of("previousStatus", e.from())));
    }

    @EventListener
    void overdue(RequestOverdue e) {
        inSavepoint(e.tenant(), "overdue", () -> notify(e.tenant(), e.requestId(), "overdue",
                Map.of("deadline", e.deadline().toLowerCase(Locale.ROOT))));
    }

    @EventListener
    void claim(ClaimSent e) {
        inSavepoint(e.tenant(), "claim", () -> {
            Claims.Claim c = claims.get(e.tenant(), e.claimId());
            ProjectView project = projects.get(e.tenant(), c.projectId());
            Map<String, String> values = new HashMap<>();
            values.put("project", project.name());
            values.put("text", c.text());
            if (c.requestId() != null) {
                rows.find(e.tenant(), c.requestId()).ifPresent(r -> {
                    values.put("number", Long.toString(r.number()));
                    values.put("subject", r.subject());
                });
            }
            for (Recipient to : staff(e.tenant(), project.managers())) {
                enqueue(e.tenant(), c.requestId(), "claim", to, values);
            }
        });
    }

    /**
     * Runs {@code work} in the tenant's context in a savepoint of the current transaction (a
     * transaction of its own if there is none). A failure rolls back to the savepoint only: in
     * PostgreSQL a failed statement spoils the whole transaction unless rolled back this way.
     */
    private void inSavepoint(TenantId tenant, String event, Runnable work) {
        try {
            savepoint.executeWithoutResult(tx -> TenantContext.as(tenant, work));
        } catch (RuntimeException ex) {
            log.error("Notification {} of tenant {} could not be written; the change stands", event, tenant.value(), ex);
        }
    }

    private void notify(TenantId tenant, UUID requestId, String event, Map<String, String> extra) {
        RequestRow r = rows.find(tenant, requestId).orElse(null);
        if (r == null) {
            return;
        }
        ProjectSetup setup = setups.get(tenant, r.projectId());
        List<String> who = setup.notifications().getOrDefault(event, List.of());
        if (who.isEmpty()) {
            return;
        }
        ProjectView project = projects.get(tenant, r.projectId());
        Map<String, String> values = new HashMap<>(extra);
        values.put("number", Long.toString(r.number()));
        values.put("subject", r.subject());
        values.put("status", SetupRules.status(setup, r.status()).map(ProjectSetup.Status::name).orElse(r.status()));
        if (extra.containsKey("previousStatus")) {
            values.put("previousStatus", SetupRules.status(setup, extra.get("previousStatus"))
                    .map(ProjectSetup.Status::name).orElse(extra.get("previousStatus")));
        }
        values.put("project", project.name());
        values.put("type", SetupRules.type(setup, r.type()).map(ProjectSetup.RequestType::name).orElse(r.type()));
        values.put("customer", r.customerName() == null ? "" : r.customerName());
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        if (who.contains("CUSTOMER") && r.customerId() != null) {
            String language = tenants.get(tenant).defaultLanguage();
            try {
                CustomerView c = customers.get(tenant, r.customerId());
                c.emails().forEach(m -> recipients.putIfAbsent(m.address(), new Recipient(m.address(), language)));
            } catch (NotFoundException ex) {
                // the card was deleted meanwhile: nobody to tell
            }
        }
        if (who.contains("EXECUTORS")) {
            List<UUID> executors = new java.util.ArrayList<>();
            if (r.executorId() != null) {
                executors.add(r.executorId());
            }
            if (r.group() != null) {
                setup.groups().stream().filter(g -> g.code().equals(r.group()))
                        .forEach(g -> executors.addAll(g.users()));
            }
            staff(tenant, executors).forEach(x -> recipients.putIfAbsent(x.address(), x));
        }
        if (who.contains("MANAGERS")) {
            staff(tenant, project.managers()).forEach(x -> recipients.putIfAbsent(x.address(), x));
        }
        for (Recipient to : recipients.values()) {
            enqueue(tenant, requestId, event, to, values);
        }
    }

    private List<Recipient> staff(TenantId tenant, List<UUID> ids) {
        List<Recipient> out = new java.util.ArrayList<>();
        for (UUID id : ids) {
            try {
                UserView u = users.get(tenant, id);
                if (u.email() != null && !u.email().isBlank()) {
                    out.add(new Recipient(u.email(), u.language()));
                }
            } catch (NotFoundException ex) {
                // deleted user
            }
        }
        return out;
    }

    private void enqueue(TenantId tenant, UUID requestId, String event, Recipient to, Map<String, String> values) {
        String language = "ru".equals(to.language()) ? "ru" : "en";
        NotificationTemplates.Template t = templates.get(tenant, event, language);
        String subject = NotificationTemplates.render(t.subject(), values);
        String body = NotificationTemplates.render(t.body(), values);
        if (mail.getIfAvailable() == null) {
            outbox.skipped(tenant, requestId, event, to.address(), subject, body, "no SMTP server configured (spring.mail.host)",
                    clock.instant());
            return;
        }
        dispatcher.sendAfterCommit(outbox.add(tenant, requestId, event, to.address(), subject, body, clock.instant()));
    }
}
