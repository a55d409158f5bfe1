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
import java.sql.Timestamp;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CASE-4: e-mails on request events, after the change committed. Who gets one is the project
 * setup's {@code notifications} rule for the event (CUSTOMER: the card's e-mail addresses, in the
 * tenant's language; EXECUTORS: the executor or the executor group's members; MANAGERS: the
 * project's managers — staff in their own language). A claim always goes to the managers. Each
 * attempt is recorded in {@code request_notifications} as SENT, FAILED (with the error) or
 * SKIPPED (no SMTP configured, or the recipient has no address); a failure never undoes the change.
 *
 * <p>Sending is synchronous after commit, with the SMTP timeouts of {@code spring.mail.properties}.
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
    private final RequestMailProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate separate;
    private final Clock clock;

    Notifier(RequestRepository rows, RequestSetups setups, Projects projects, Customers customers, UserService users,
             TenantService tenants, NotificationTemplates templates, Claims claims, ObjectProvider<JavaMailSender> mail,
             RequestMailProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.rows = rows;
        this.setups = setups;
        this.projects = projects;
        this.customers = customers;
        this.users = users;
        this.tenants = tenants;
        this.templates = templates;
        this.claims = claims;
        this.mail = mail;
        this.properties = properties;
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void registered(RequestRegistered e) {
        notify(e.tenant(), e.requestId(), "registered", Map.of());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void statusChanged(RequestStatusChanged e) {
        notify(e.tenant(), e.requestId(), "status_changed", Map.of("previousStatus", e.from()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void overdue(RequestOverdue e) {
        notify(e.tenant(), e.requestId(), "overdue", Map.of("deadline", e.deadline().toLowerCase(Locale.ROOT)));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void claim(ClaimSent e) {
        TenantContext.as(e.tenant(), () -> {
            try {
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
                    send(e.tenant(), c.requestId(), "claim", to, values);
                }
            } catch (RuntimeException ex) {
                log.error("Claim notification of tenant {} failed", e.tenant().value(), ex);
            }
        });
    }

    private void notify(TenantId tenant, UUID requestId, String event, Map<String, String> extra) {
        TenantContext.as(tenant, () -> {
            try {
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
                    send(tenant, requestId, event, to, values);
                }
            } catch (RuntimeException ex) {
                log.error("Notification {} of request {} failed", event, requestId, ex);
            }
        });
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

    private void send(TenantId tenant, UUID requestId, String event, Recipient to, Map<String, String> values) {
        String language = "ru".equals(to.language()) ? "ru" : "en";
        NotificationTemplates.Template t = templates.get(tenant, event, language);
        String status;
        String error = null;
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            status = "SKIPPED";
            error = "no SMTP server configured (spring.mail.host)";
        } else {
            try {
                SimpleMailMessage m = new SimpleMailMessage();
                m.setFrom(properties.from());
                m.setTo(to.address());
                m.setSubject(NotificationTemplates.render(t.subject(), values));
                m.setText(NotificationTemplates.render(t.body(), values));
                sender.send(m);
                status = "SENT";
            } catch (RuntimeException ex) {
                status = "FAILED";
                error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                log.warn("Mail {} of request {} to {} failed: {}", event, requestId, to.address(), error);
            }
        }
        String s = status;
        String err = error == null ? null : error.substring(0, Math.min(500, error.length()));
        separate.executeWithoutResult(tx -> jdbc.sql("""
                insert into request_notifications (tenant_id, request_id, event, recipient, status, error, at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), requestId, event, to.address(), s, err, Timestamp.from(clock.instant())).update());
    }
}
