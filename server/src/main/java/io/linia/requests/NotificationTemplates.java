package io.linia.requests;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CASE-4 notification templates, per tenant, event and language (RU/EN). A tenant edits the
 * subject and body; until it does, the built-in text below is used. Placeholders in braces are
 * replaced when a notification is sent: {@code {number} {subject} {status} {previousStatus}
 * {project} {type} {customer} {deadline} {text}}; unknown ones are refused (422). Texts are
 * plain (the mail is {@code text/plain}), so nothing in them is interpreted as markup.
 */
@Service
public class NotificationTemplates {

    public static final Set<String> EVENTS = Set.of("registered", "status_changed", "overdue", "claim");
    public static final Set<String> LANGUAGES = Set.of("ru", "en");
    public static final Set<String> PLACEHOLDERS = Set.of("number", "subject", "status", "previousStatus", "project",
            "type", "customer", "deadline", "text");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** A template; {@code custom}: edited by the tenant (else the built-in text). */
    public record Template(String event, String language, String subject, String body, boolean custom) {
    }

    private static final Map<String, String[]> BUILT_IN = Map.of(
            "registered/ru", new String[] {"Обращение №{number} зарегистрировано",
                    "Ваше обращение №{number} «{subject}» зарегистрировано в проекте {project}.\nСтатус: {status}."},
            "registered/en", new String[] {"Request #{number} registered",
                    "Your request #{number} \"{subject}\" has been registered in project {project}.\nStatus: {status}."},
            "status_changed/ru", new String[] {"Обращение №{number}: статус «{status}»",
                    "Статус обращения №{number} «{subject}» изменён: {previousStatus} → {status}."},
            "status_changed/en", new String[] {"Request #{number}: status \"{status}\"",
                    "The status of request #{number} \"{subject}\" changed: {previousStatus} → {status}."},
            "overdue/ru", new String[] {"Просрочено обращение №{number}",
                    "Обращение №{number} «{subject}» (проект {project}) просрочено: {deadline}. Статус: {status}."},
            "overdue/en", new String[] {"Request #{number} is overdue",
                    "Request #{number} \"{subject}\" (project {project}) is overdue: {deadline}. Status: {status}."},
            "claim/ru", new String[] {"Претензия по проекту {project}",
                    "Поступила претензия по проекту {project} (обращение №{number}):\n\n{text}"},
            "claim/en", new String[] {"Claim about project {project}",
                    "A claim about project {project} (request #{number}) was sent:\n\n{text}"});

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    NotificationTemplates(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Template> list(TenantId tenant) {
        List<Template> out = new ArrayList<>();
        for (String e : List.of("registered", "status_changed", "overdue", "claim")) {
            for (String l : List.of("ru", "en")) {
                out.add(get(tenant, e, l));
            }
        }
        return out;
    }

    public Template get(TenantId tenant, String event, String language) {
        check(event, language);
        return jdbc.sql("select subject, body from request_templates where tenant_id = ? and event = ? and language = ?")
                .params(tenant.value(), event, language)
                .query((rs, i) -> new Template(event, language, rs.getString(1), rs.getString(2), true)).optional()
                .orElseGet(() -> {
                    String[] b = BUILT_IN.get(event + "/" + language);
                    return new Template(event, language, b[0], b[1], false);
                });
    }

    @Transactional
    public Template put(TenantId tenant, String event, String language, String subject, String body) {
        Template before = get(tenant, event, language);
        String s = TextInput.required("subject", subject, 300);
        String b = TextInput.lines("body", body, 10000);
        if (b == null) {
            throw new InvalidInputException("required", "body", "A template needs a body");
        }
        placeholders("subject", s);
        placeholders("body", b);
        jdbc.sql("""
                insert into request_templates (tenant_id, event, language, subject, body, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, event, language) do update set subject = excluded.subject, body = excluded.body,
                    updated_at = excluded.updated_at""")
                .params(tenant.value(), event, language, s, b, Timestamp.from(clock.instant())).update();
        Template after = get(tenant, event, language);
        audit.record(AuditEvent.change(tenant, "request_template.update", "request_template", event + "/" + language,
                before, after));
        return after;
    }

    /** Back to the built-in text. */
    @Transactional
    public Template reset(TenantId tenant, String event, String language) {
        Template before = get(tenant, event, language);
        jdbc.sql("delete from request_templates where tenant_id = ? and event = ? and language = ?")
                .params(tenant.value(), event, language).update();
        audit.record(AuditEvent.change(tenant, "request_template.reset", "request_template", event + "/" + language,
                before, null));
        return get(tenant, event, language);
    }

    /** The text with its placeholders replaced (absent values become empty). */
    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void placeholders(String field, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new InvalidInputException("unknown_placeholder", field, "Unknown placeholder {" + m.group(1)
                        + "}; known: " + PLACEHOLDERS);
            }
        }
    }

    private static void check(String event, String language) {
        if (!EVENTS.contains(event)) {
            throw new io.linia.platform.NotFoundException("template", event);
        }
        if (!LANGUAGES.contains(language)) {
            throw new io.linia.platform.NotFoundException("template", event + "/" + language);
        }
    }
}
