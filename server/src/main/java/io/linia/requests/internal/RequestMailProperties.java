package io.linia.requests.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How request notifications are mailed (CASE-4). The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, {@code properties.mail.smtp.*}); one
 * server serves every tenant. Without {@code spring.mail.host} nothing is sent and every
 * notification is recorded as SKIPPED. Notifications go through an outbox ({@link MailDispatcher}).
 *
 * @param from             the sender address of every notification ({@code LINIA_REQUESTS_MAIL_FROM})
 * @param baseUrl          the address of this installation, for the link to the request in staff
 *                         mails; empty: no link
 * @param dispatchInterval the longest wait between two passes of a node's dispatcher over the
 *                         pending notifications (besides, new ones go out right after their
 *                         commit, and a pass runs at the earliest next attempt); it bounds how late
 *                         the notifications of a node that stopped are sent by another. At least
 *                         one second; default 30 s
 * @param batchSize        notifications a dispatcher claims at a time (1..1,000; default 20)
 * @param maxAttempts      attempts before a notification is FAILED (1..50; default 10: with the
 *                         delays below about four hours of SMTP outage are bridged)
 * @param retryDelay       the wait after the first failed attempt, doubled after each further
 *                         one (default 1 min: 1, 2, 4 … min)
 * @param maxRetryDelay    the longest wait between two attempts (default 1 h)
 * @param claimTimeout     how long a claimed notification is held for its dispatcher; if that node
 *                         stops while sending, another sends it after this time. Longer than a
 *                         batch's sending may take with the SMTP timeouts (default 5 min)
 */
@ConfigurationProperties("linia.requests.mail")
public record RequestMailProperties(@DefaultValue("linia@localhost") String from, @DefaultValue("") String baseUrl,
                                    @DefaultValue("PT30S") Duration dispatchInterval, @DefaultValue("20") int batchSize,
                                    @DefaultValue("10") int maxAttempts, @DefaultValue("PT1M") Duration retryDelay,
                                    @DefaultValue("PT1H") Duration maxRetryDelay,
                                    @DefaultValue("PT5M") Duration claimTimeout) {

    public RequestMailProperties {
        if (dispatchInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("linia.requests.mail.dispatch-interval must be at least PT1S");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("linia.requests.mail.batch-size must be 1..1000");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("linia.requests.mail.max-attempts must be 1..50");
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("linia.requests.mail.retry-delay must be positive and at most max-retry-delay");
        }
        if (claimTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("linia.requests.mail.claim-timeout must be at least PT10S");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: {@code retryDelay × 2^(attempts−1)}, at most {@code maxRetryDelay}. */
    public Duration retryAfter(int attempts) {
        Duration d = retryDelay;
        for (int i = 1; i < attempts && d.compareTo(maxRetryDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : d;
    }
}
