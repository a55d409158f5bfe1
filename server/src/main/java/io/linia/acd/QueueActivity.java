package io.linia.acd;

import io.linia.platform.TenantId;

/**
 * Something changed that no agent-status or call event tells of: in queues the ACD does not
 * route ({@link ExternalQueues}) a caller joined, was answered or left, or a call was stored; an
 * agent joined or left a queue without changing state; a queue's thresholds changed. The
 * wallboard (and the supervisor's view) refreshes on it.
 */
public record QueueActivity(TenantId tenant) {
}
