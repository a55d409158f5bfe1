package io.linia.kb.internal;

import io.linia.acd.IvrService;
import io.linia.acd.IvrView;
import io.linia.acd.QueueService;
import io.linia.kb.ArticleTies;
import io.linia.kb.ArticleTies.IvrChoice;
import io.linia.kb.RequestTypeCatalog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * An article's ties (KB-1) to and from their stored form, a (kind, target) pair whose
 * {@code kind:target} key the call lookup probes:
 * <ul>
 *   <li>{@code QUEUE}: a queue id of the tenant (422 {@code unknown_queue} otherwise);</li>
 *   <li>{@code NUMBER}: a dialled number, {@link #number normalized} (digits, {@code +}, {@code *}, {@code #});</li>
 *   <li>{@code REQUEST_TYPE}: a code {@code [A-Za-z0-9_.-]{1,64}}, lower-cased, of a request type of one of
 *       the tenant's projects, as the {@link RequestTypeCatalog} (the requests module) knows them (422
 *       {@code unknown_request_type});</li>
 *   <li>{@code IVR_CHOICE}: {@code <ivr id>/<menu node>:<key>}, the form of the IVR path entries of
 *       docs/acd.md; the IVR must be the tenant's, the node a {@code menu} of it and the key one of
 *       its options (422 {@code unknown_ivr}, {@code unknown_choice});</li>
 *   <li>{@code TOPIC}: a topic an IVR gives calls, up to 64 characters.</li>
 * </ul>
 * At most {@link #MAX_TIES} in all; repeats are dropped.
 */
@Component
public class TieRules {

    public static final int MAX_TIES = 200;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("[0-9+*#]{1,32}");

    private final KbRepository repo;
    private final QueueService queues;
    private final IvrService ivrs;
    private final List<RequestTypeCatalog> requestTypes;

    TieRules(KbRepository repo, QueueService queues, IvrService ivrs, List<RequestTypeCatalog> requestTypes) {
        this.repo = repo;
        this.queues = queues;
        this.ivrs = ivrs;
        this.requestTypes = List.copyOf(requestTypes);
    }

    /** A dialled number as stored and looked up: spaces, dashes, dots and brackets dropped; null when it is no number. */
    public static String number(String raw) {
        if (raw == null) {
            return null;
        }
        String n = raw.replaceAll("[\\s\\-().]", "");
        return NUMBER.matcher(n).matches() ? n : null;
    }

    public ArticleTies read(TenantId tenant, UUID articleId) {
        List<UUID> q = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<IvrChoice> choices = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (String[] t : repo.ties(tenant, articleId)) {
            switch (t[0]) {
                case "QUEUE" -> q.add(UUID.fromString(t[1]));
                case "NUMBER" -> numbers.add(t[1]);
                case "REQUEST_TYPE" -> types.add(t[1]);
                case "IVR_CHOICE" -> {
                    int slash = t[1].indexOf('/');
                    int colon = t[1].lastIndexOf(':');
                    choices.add(new IvrChoice(UUID.fromString(t[1].substring(0, slash)), t[1].substring(slash + 1, colon),
                            t[1].substring(colon + 1)));
                }
                case "TOPIC" -> topics.add(t[1]);
                default -> throw new IllegalStateException("Unknown tie kind " + t[0]);
            }
        }
        return new ArticleTies(q, numbers, types, choices, topics);
    }

    /** Checks every tie, then replaces the stored ones; nothing is stored when one is wrong. */
    public ArticleTies replace(TenantId tenant, UUID articleId, ArticleTies given) {
        Set<String> keys = new LinkedHashSet<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < given.queues().size(); i++) {
            UUID id = given.queues().get(i);
            try {
                if (id == null) {
                    throw new NotFoundException("queue", null);
                }
                queues.get(tenant, id);
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_queue", "queues[" + i + "]", "No queue " + id);
            }
            add(keys, rows, "QUEUE", id.toString());
        }
        for (int i = 0; i < given.numbers().size(); i++) {
            String n = number(given.numbers().get(i));
            if (n == null) {
                throw new InvalidInputException("not_a_number", "numbers[" + i + "]", "A dialled number: digits, +, * and #");
            }
            add(keys, rows, "NUMBER", n);
        }
        Set<String> known = null;
        for (int i = 0; i < given.requestTypes().size(); i++) {
            String code = given.requestTypes().get(i) == null ? "" : given.requestTypes().get(i).strip();
            if (!CODE.matcher(code).matches()) {
                throw new InvalidInputException("format", "requestTypes[" + i + "]", "A request type code: letters, digits, _ . -");
            }
            code = code.toLowerCase(Locale.ROOT);
            if (!requestTypes.isEmpty()) {
                if (known == null) {
                    known = new HashSet<>();
                    for (RequestTypeCatalog c : requestTypes) {
                        known.addAll(c.codes(tenant));
                    }
                }
                if (!known.contains(code)) {
                    throw new InvalidInputException("unknown_request_type", "requestTypes[" + i + "]",
                            "No request type " + code + " in the tenant's projects");
                }
            }
            add(keys, rows, "REQUEST_TYPE", code);
        }
        for (int i = 0; i < given.ivrChoices().size(); i++) {
            IvrChoice c = given.ivrChoices().get(i);
            String field = "ivrChoices[" + i + "]";
            if (c == null || c.ivrId() == null || c.menu() == null || c.key() == null) {
                throw new InvalidInputException("required", field, "An IVR choice needs ivrId, menu and key");
            }
            IvrView ivr;
            try {
                ivr = ivrs.get(tenant, c.ivrId());
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_ivr", field + ".ivrId", "No IVR " + c.ivrId());
            }
            if (!hasChoice(ivr.nodes(), c.menu(), c.key())) {
                throw new InvalidInputException("unknown_choice", field + ".key",
                        "The IVR has no menu " + c.menu() + " with key " + c.key());
            }
            add(keys, rows, "IVR_CHOICE", c.ivrId() + "/" + c.menu() + ":" + c.key());
        }
        for (int i = 0; i < given.topics().size(); i++) {
            String topic = given.topics().get(i) == null ? "" : given.topics().get(i).strip();
            if (topic.isEmpty() || topic.length() > 64) {
                throw new InvalidInputException("format", "topics[" + i + "]", "An IVR topic: 1..64 characters");
            }
            add(keys, rows, "TOPIC", topic);
        }
        if (rows.size() > MAX_TIES) {
            throw new InvalidInputException("too_many", "ties", "At most " + MAX_TIES + " ties");
        }
        repo.replaceTies(tenant, articleId, rows);
        return read(tenant, articleId);
    }

    private static void add(Set<String> keys, List<String[]> rows, String kind, String target) {
        if (keys.add(kind + ":" + target)) {
            rows.add(new String[] {kind, target});
        }
    }

    private static boolean hasChoice(JsonNode nodes, String menu, String key) {
        if (nodes == null) {
            return false;
        }
        for (JsonNode n : nodes) {
            if (menu.equals(text(n, "id")) && "menu".equals(text(n, "type"))) {
                return n.has("options") && n.get("options").has(key);
            }
        }
        return false;
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull() ? n.get(field).asString() : null;
    }
}
