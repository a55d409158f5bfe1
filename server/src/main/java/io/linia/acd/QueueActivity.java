package io.linia.acd;

import io.linia.platform.TenantId;

/**
 * Something changed in queues the ACD does not route ({@link ExternalQueues}): a caller joined,
 * was answered or left, or a call was stored. The wallboard refreshes on it.
 */
public record QueueActivity(TenantId tenant) {
}
