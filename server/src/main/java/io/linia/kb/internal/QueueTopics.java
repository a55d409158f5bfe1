package io.linia.kb.internal;

import io.linia.acd.KnowledgeTopics;
import io.linia.kb.KbReader;
import io.linia.kb.TopicView;
import io.linia.platform.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The topics a queue may name (ACD-1): every topic of the tenant, as an administrator sees them. */
@Component
class QueueTopics implements KnowledgeTopics {

    private static final KbReader EVERY_TOPIC = new KbReader(new UUID(0, 0), true);

    private final KbRepository repo;

    QueueTopics(KbRepository repo) {
        this.repo = repo;
    }

    @Override
    public Optional<Topic> find(TenantId tenant, UUID id) {
        return list(tenant).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public List<Topic> list(TenantId tenant) {
        List<TopicView> all = repo.topics(tenant, EVERY_TOPIC);
        Map<UUID, List<TopicView>> children = new HashMap<>();
        for (TopicView t : all) {
            children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
        }
        List<Topic> out = new ArrayList<>();
        walk(children, null, "", out);
        return out;
    }

    private static void walk(Map<UUID, List<TopicView>> children, UUID parent, String prefix, List<Topic> out) {
        for (TopicView t : children.getOrDefault(parent, List.of())) {
            String path = prefix + t.name();
            out.add(new Topic(t.id(), path));
            walk(children, t.id(), path + " / ", out);
        }
    }
}
