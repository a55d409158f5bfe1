package io.linia.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * A request notification (CASE-4) as an administrator sees it: {@code status} PENDING (to be sent;
 * {@code nextAttemptAt} says when), SENT, FAILED (the attempts ran out or the message cannot be
 * sent; {@code error} is the last error) or SKIPPED (no SMTP server configured). The body is not
 * shown: it is the rendered template.
 */
public record NotificationView(long id, UUID requestId, String event, String recipient, String subject, String status,
                               int attempts, Instant nextAttemptAt, String error, Instant createdAt, Instant sentAt) {
}
