package io.linia.acd;

import io.linia.platform.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The knowledge-base topics a queue may name (ACD-1 "knowledge topic", WS-5), offered by the
 * knowledge base; the ACD only stores the choice, the knowledge base shows the articles.
 */
public interface KnowledgeTopics {

    /** A topic with its path from the top ("Billing / Refunds"), for choosing one. */
    record Topic(UUID id, String path) {
    }

    /** The tenant's topic, if there is one with this id (another tenant's is none). */
    Optional<Topic> find(TenantId tenant, UUID id);

    /** Every topic of the tenant, in tree order. */
    List<Topic> list(TenantId tenant);
}
