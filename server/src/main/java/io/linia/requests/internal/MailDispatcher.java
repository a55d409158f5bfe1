package io.linia.requests.internal;

import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.WakeUp;
import io.linia.platform.time.VirtualScheduler;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the notification outbox (CASE-4, {@link NotificationOutbox}). A notification is written
 * PENDING in the transaction of the change that causes it; then:
 * <ol>
 *   <li>right after that commit the dispatcher sends the rows the transaction wrote
 *       ({@link #sendAfterCommit});</li>
 *   <li>a pass over every due row runs at start, at the earliest next attempt and at least every
 *       {@code dispatch-interval}: it sends what a failure or a stopped node left.</li>
 * </ol>
 * Each send first claims its rows ({@code FOR UPDATE SKIP LOCKED}, with a lease of
 * {@code claim-timeout}), so two dispatchers never send the same row; a batch goes over one SMTP
 * connection. A sent row is SENT; a
 * failed attempt counts, and the next comes after {@code retry-delay × 2^(attempts−1)} (at most
 * {@code max-retry-delay}) until {@code max-attempts}, when it is FAILED; a message that cannot be
 * built (a malformed address) is FAILED at once. Delivery is at least once: a node that stops
 * between the SMTP server's acceptance and the mark sends the row again after the lease.
 *
 * <p>Threads: in real time sending runs on a thread of its own, never on the scheduler's pool or
 * the committing request's thread (an SMTP server that hangs delays only mail). In virtual time
 * (tests, the simulator), where nothing runs by itself, it runs on the thread that commits or
 * advances the clock, so what a test does is done when its call returns.
 */
@Component
@EnableConfigurationProperties(RequestMailProperties.class)
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Object WRITTEN = new Object(); // transaction resource: ids written by the transaction

    private final NotificationOutbox outbox;
    private final ObjectProvider<JavaMailSender> mail;
    private final RequestMailProperties properties;
    private final Scheduler scheduler;
    private final TransactionTemplate separate;
    private final ExecutorService worker;

    private final WakeUp wakeUp;

    MailDispatcher(NotificationOutbox outbox, ObjectProvider<JavaMailSender> mail, RequestMailProperties properties,
                   Scheduler scheduler, PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
        this.scheduler = scheduler;
        this.wakeUp = new WakeUp(scheduler, this::wake);
        // its own transactions: it also runs right after a commit, while that transaction's connection is still bound
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.worker = scheduler instanceof VirtualScheduler ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "linia-mail-outbox");
            t.setDaemon(true);
            return t;
        });
    }

    /** The notification {@code id}, just written, is sent once the current transaction commits. */
    public void sendAfterCommit(long id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            onWorker(() -> dispatch(List.of(id)));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Long> ids = (List<Long>) TransactionSynchronizationManager.getResource(WRITTEN);
        if (ids == null) {
            List<Long> written = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(WRITTEN, written);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN);
                    if (status == STATUS_COMMITTED) {
                        onWorker(() -> dispatch(written));
                    }
                }
            });
            ids = written;
        }
        ids.add(id);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        plan(scheduler.now());
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onWorker(Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Sending request notifications failed; the pass at {} tries again (CASE-4)",
                        properties.dispatchInterval(), e);
            }
        };
        if (worker == null) {
            guarded.run();
        } else if (!worker.isShutdown()) {
            worker.execute(guarded);
        }
    }

    private void plan(Instant at) {
        wakeUp.by(at);
    }

    private void wake() {
        onWorker(() -> {
            try {
                dispatchDue();
            } finally {
                Instant now = scheduler.now();
                Instant next = now.plus(properties.dispatchInterval());
                try {
                    Instant attempt = TenantContext.asSystem(() -> outbox.nextAttemptAfter(now)).orElse(null);
                    if (attempt != null && attempt.isBefore(next)) {
                        next = attempt;
                    }
                } finally {
                    plan(next);
                }
            }
        });
    }

    /** Sends every notification due now, batch after batch, on the calling thread; how many were sent. */
    int dispatchDue() {
        return dispatch(null);
    }

    /** Sends the due notifications (of {@code ids} only, when given) batch after batch; how many were sent. */
    private int dispatch(List<Long> ids) {
        int sent = 0;
        while (true) {
            int[] batch = send(ids);
            sent += batch[1];
            if (batch[0] < properties.batchSize()) {
                return sent;
            }
        }
    }

    /** Claims (of {@code ids} only, when given) and sends one batch: {claimed, sent}. */
    private int[] send(List<Long> ids) {
        Instant now = scheduler.now();
        List<NotificationOutbox.Claimed> claimed = TenantContext.asSystem(() -> separate.execute(tx ->
                outbox.claim(now, now.plus(properties.claimTimeout()), properties.batchSize(), ids)));
        if (claimed.isEmpty()) {
            return new int[] {0, 0};
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            claimed.forEach(n -> failed(n, "no SMTP server configured (spring.mail.host)", false));
            return new int[] {claimed.size(), 0};
        }
        List<NotificationOutbox.Claimed> sent = deliver(sender, claimed);
        if (!sent.isEmpty()) {
            mark(() -> outbox.sent(sent.stream().map(NotificationOutbox.Claimed::id).toList(), scheduler.now()));
        }
        return new int[] {claimed.size(), sent.size()};
    }

    /**
     * Sends the batch over one SMTP connection; what failed is counted against its row, what was
     * sent is returned. A message that cannot even be built spoils the batch before anything is
     * sent, so then each is sent alone to find it.
     */
    private List<NotificationOutbox.Claimed> deliver(JavaMailSender sender, List<NotificationOutbox.Claimed> batch) {
        SimpleMailMessage[] messages = new SimpleMailMessage[batch.size()];
        for (int i = 0; i < messages.length; i++) {
            NotificationOutbox.Claimed n = batch.get(i);
            messages[i] = new SimpleMailMessage();
            messages[i].setFrom(properties.from());
            messages[i].setTo(n.recipient());
            messages[i].setSubject(n.subject());
            messages[i].setText(n.body());
        }
        List<NotificationOutbox.Claimed> sent = new ArrayList<>();
        try {
            sender.send(messages);
            return batch;
        } catch (MailSendException e) {
            // the failures are keyed by our message objects; equal texts must not be confused
            Map<Object, Exception> failures = new IdentityHashMap<>(e.getFailedMessages());
            for (int i = 0; i < messages.length; i++) {
                Exception failure = failures.get(messages[i]);
                if (failure == null) {
                    sent.add(batch.get(i));
                } else {
                    failed(batch.get(i), message(failure), false);
                }
            }
        } catch (MailParseException | MailPreparationException e) {
            if (batch.size() == 1) {
                failed(batch.get(0), message(e), true);
            } else {
                batch.forEach(n -> sent.addAll(deliver(sender, List.of(n))));
            }
        } catch (RuntimeException e) {
            batch.forEach(n -> failed(n, message(e), false));
        }
        return sent;
    }

    /** One failed attempt: the next after the back-off, or FAILED for good when they ran out or it cannot succeed. */
    private void failed(NotificationOutbox.Claimed n, String error, boolean permanent) {
        int attempts = n.attempts() + 1;
        Instant retryAt = permanent || attempts >= properties.maxAttempts() ? null
                : scheduler.now().plus(properties.retryAfter(attempts));
        String err = error.substring(0, Math.min(500, error.length()));
        mark(() -> outbox.attemptFailed(n.id(), err, retryAt));
        if (retryAt == null) {
            log.warn("Mail {} of request {} to {} failed for good after {} attempts: {}", n.event(), n.requestId(),
                    n.recipient(), attempts, error);
        } else {
            log.warn("Mail {} of request {} to {} failed (attempt {}), next at {}: {}", n.event(), n.requestId(),
                    n.recipient(), attempts, retryAt, error);
            plan(retryAt);
        }
    }

    private void mark(Runnable update) {
        TenantContext.asSystem(() -> separate.executeWithoutResult(tx -> update.run()));
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
