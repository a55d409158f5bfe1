package io.linia.kb;

import io.linia.acd.CallContext;
import io.linia.acd.CallContexts;
import io.linia.acd.QueueService;
import io.linia.kb.internal.KbRepository;
import io.linia.kb.internal.TieRules;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The articles for a call (KB-2), for the operator's workstation when a call arrives: the
 * published articles the operator may read that are tied to the call's queue, dialled number,
 * IVR topic, IVR choices or request type. The call is read by its id ({@link CallContexts}),
 * and/or its attributes are given directly; the articles are then one indexed query. When the
 * call's queue names a knowledge topic (ACD-1), the published articles of that topic and of the
 * topics under it that the operator may read follow the tied ones, without repeating any.
 */
@Service
public class KbCallArticles {

    public static final int LIMIT = 20;

    /** What is known of the call; any part may be null. */
    public record Call(String callId, UUID queueId, String number, String topic, UUID ivrId, List<String> ivrChoices,
                       String requestType) {
    }

    private final KbRepository repo;
    private final CallContexts calls;
    private final QueueService queues;

    KbCallArticles(KbRepository repo, CallContexts calls, QueueService queues) {
        this.repo = repo;
        this.calls = calls;
        this.queues = queues;
    }

    public List<CallArticle> find(TenantId tenant, KbReader reader, Call call) {
        Set<String> keys = new LinkedHashSet<>();
        UUID queueId = call.queueId();
        if (call.callId() != null && !call.callId().isBlank()) {
            CallContext c = calls.find(tenant, call.callId()).orElseThrow(() -> new NotFoundException("call", call.callId()));
            keys(keys, c.queueId(), c.dialled(), c.topic(), c.ivrId(), c.ivrChoices(), null);
            queueId = c.queueId() != null ? c.queueId() : queueId;
        }
        keys(keys, call.queueId(), call.number(), call.topic(), call.ivrId(),
                call.ivrChoices() == null ? List.of() : call.ivrChoices(), call.requestType());
        if (call.ivrChoices() != null && !call.ivrChoices().isEmpty() && call.ivrId() == null) {
            throw new InvalidInputException("required", "ivrId", "IVR choices need the IVR's id");
        }
        List<CallArticle> tied = keys.isEmpty() ? List.of() : repo.byTies(tenant, reader, new ArrayList<>(keys), LIMIT);
        UUID topic = queueTopic(tenant, queueId);
        if (topic == null || tied.size() >= LIMIT) {
            return tied;
        }
        List<CallArticle> all = new ArrayList<>(tied);
        all.addAll(repo.byTopic(tenant, reader, topic, tied.stream().map(CallArticle::id).toList(), LIMIT - tied.size()));
        return all;
    }

    /** The knowledge topic of the queue (ACD-1), if it names one; a queue deleted since names none. */
    private UUID queueTopic(TenantId tenant, UUID queueId) {
        if (queueId == null) {
            return null;
        }
        try {
            return queues.get(tenant, queueId).kbTopicId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static void keys(Set<String> keys, UUID queueId, String number, String topic, UUID ivrId,
                             List<String> choices, String requestType) {
        if (queueId != null) {
            keys.add("QUEUE:" + queueId);
        }
        String n = TieRules.number(number);
        if (n != null) {
            keys.add("NUMBER:" + n);
        }
        if (topic != null && !topic.isBlank()) {
            keys.add("TOPIC:" + topic.strip());
        }
        if (ivrId != null) {
            for (String choice : choices) {
                keys.add("IVR_CHOICE:" + ivrId + "/" + choice);
            }
        }
        if (requestType != null && !requestType.isBlank()) {
            keys.add("REQUEST_TYPE:" + requestType.strip().toLowerCase(Locale.ROOT));
        }
    }
}
