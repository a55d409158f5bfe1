package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyProvider;
import io.linia.platform.crypto.internal.DataKeyRepository.Sentinel;
import io.linia.platform.crypto.internal.DataKeyRepository.StoredKeys;
import io.linia.platform.tenancy.TenantContext;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a master key change, wraps every tenant's keysets (and the sentinel) with the new
 * master key; the keys themselves do not change, so no data is re-encrypted and readers never
 * notice. Each tenant in its own short transaction with its row locked, so a rotation running
 * meanwhile simply waits for it. Runs on a schedule and can be called directly (tests, ops).
 */
@Component
class DataKeyRewrap {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRewrap.class);

    /** What one run did. {@code failed} rows stay as they were; the next run tries them again. */
    record Result(int rewrapped, int failed) {
    }

    private final DataKeyRepository repository;
    private final DataKeys keys;
    private final MasterKeyProvider masters;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DataKeyRewrap(DataKeyRepository repository, DataKeys keys, MasterKeyProvider masters,
                  PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.masters = masters;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${linia.crypto.rewrap-interval:PT1H}",
            initialDelayString = "${linia.crypto.rewrap-initial-delay:PT1M}")
    void scheduled() {
        rewrapAll();
    }

    /** Re-wraps every keyset not wrapped by the current master key. */
    Result rewrapAll() {
        MasterKey current = masters.current();
        rewrapSentinel(current);
        List<TenantId> pending = TenantContext.asSystem(() -> repository.tenantsNotWrappedBy(current.id()));
        if (pending.isEmpty()) {
            return new Result(0, 0);
        }
        int done = 0;
        int failed = 0;
        for (TenantId tenant : pending) {
            try {
                if (rewrap(tenant, current)) {
                    done++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.error("Re-wrap of the data keys of tenant {} failed: {}", tenant, e.getMessage());
            }
        }
        if (failed == 0) {
            log.info("Re-wrapped the data keys of {} tenants with master key {}; none is left under an older master key, "
                    + "so the previous master key setting can be removed", done, current.id());
        } else {
            log.warn("Re-wrapped the data keys of {} tenants with master key {}; {} failed and stay as they were",
                    done, current.id(), failed);
        }
        return new Result(done, failed);
    }

    private boolean rewrap(TenantId tenant, MasterKey current) {
        return TenantContext.as(tenant, () -> transaction.execute(tx -> {
            StoredKeys row = repository.findForUpdate(tenant).orElse(null);
            if (row == null || row.wrapped().masterKeyId().equals(current.id())) {
                return false;
            }
            return repository.replace(tenant, keys.wrap(keys.unwrap(row), tenant), row.version(), clock.instant(), false);
        }));
    }

    private void rewrapSentinel(MasterKey current) {
        TenantContext.asSystem(() -> {
            Sentinel sentinel = repository.sentinel().orElse(null);
            if (sentinel == null || sentinel.masterKeyId().equals(current.id())) {
                return;
            }
            boolean opened = masters.previous().stream()
                    .anyMatch(m -> m.id().equals(sentinel.masterKeyId()) && Sentinels.opens(sentinel, m));
            if (opened) {
                repository.replaceSentinel(sentinel.masterKeyId(), Sentinels.seal(current), clock.instant());
            } else {
                log.error("The master key sentinel is wrapped by {}, which is not a configured previous master key",
                        sentinel.masterKeyId());
            }
        });
    }
}
