package io.linia.acd;

import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Queues a switch keeps itself — an Asterisk's app_queue followed over AMI (TEL-3) — as the
 * wallboard shows them now (RT-7): the ACD's engine does not route these calls, so their
 * waiting callers and agents' states come from the adapter that follows the switch.
 */
public interface ExternalQueues {

    /** The tenant's queues as the switch reports them now, or empty when the ACD routes the tenant's calls. */
    Optional<Picture> picture(TenantId tenant);

    /** Queues by Linia queue id, agents by user id. */
    record Picture(Map<UUID, QueueNow> queues, Map<UUID, AgentNow> agents) {
    }

    /** Callers waiting now, since when the longest has waited (null when none), and the agents in the queue. */
    record QueueNow(int waiting, Instant longestWaitingSince, Set<UUID> members) {
    }

    /** {@code state}: FREE, PAUSED or TALKING; the pause reason, since when, the call being talked (or null). */
    record AgentNow(String state, String reason, Instant since, String callId) {
    }
}
