package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.DataKeyStatus;
import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyException;
import io.linia.platform.crypto.MasterKeyProvider;
import io.linia.platform.crypto.internal.DataKeyRepository.StoredKeys;
import io.linia.platform.crypto.internal.KeysetWrapping.Wrapped;
import io.linia.platform.tenancy.TenantContext;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's data keys over their life: made on first use, read and unwrapped (through a
 * bounded per-tenant cache), rotated (SEC-5). Only this class and {@link DataKeyRewrap}
 * write {@code tenant_data_keys}.
 */
@Component
class DataKeys {

    private final DataKeyRepository repository;
    private final MasterKeyProvider masters;
    private final TenantCache<TenantKeyring> cache;
    private final TransactionTemplate transaction;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    DataKeys(DataKeyRepository repository, MasterKeyProvider masters, PlatformTransactionManager transactions,
             Clock clock, CryptoProperties props) {
        this.repository = repository;
        this.masters = masters;
        this.cache = new TenantCache<>(props.cacheSize(), props.cacheTtl(), clock);
        this.transaction = new TransactionTemplate(transactions);
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The tenant's keys, cached; made and stored on first use. */
    TenantKeyring keyring(TenantId tenant) {
        TenantKeyring cached = cache.get(tenant);
        return cached != null ? cached : load(tenant);
    }

    /**
     * The tenant's keys read afresh, e.g. for a ciphertext naming a key the cached keyring does
     * not have yet (rotated on another node). Refreshes the cache.
     */
    TenantKeyring load(TenantId tenant) {
        long generation = cache.generation();
        TenantKeyring keys = unwrap(storedOrCreated(tenant));
        cache.put(tenant, keys, generation);
        return keys;
    }

    DataKeyStatus status(TenantId tenant) {
        StoredKeys row = storedOrCreated(tenant);
        return status(unwrap(row), row.createdAt(), row.rotatedAt());
    }

    /**
     * Adds a new primary key to each of the tenant's keysets. Joins the caller's transaction
     * (so the audit entry commits with it); this node's cache forgets the old keys after the
     * commit. Until then, and on other nodes until their cache expires, the old primary key
     * keeps encrypting: still valid, so nobody waits (no downtime).
     */
    DataKeyStatus rotate(TenantId tenant) {
        storedOrCreated(tenant);
        return TenantContext.as(tenant, () -> transaction.execute(tx -> {
            StoredKeys row = repository.findForUpdate(tenant).orElseThrow();
            TenantKeyring rotated = generated(() -> unwrap(row).rotated());
            Instant now = clock.instant();
            if (!repository.replace(tenant, wrap(rotated, tenant), row.version(), now, true)) {
                throw new IllegalStateException("The locked data key row of tenant " + tenant + " changed");
            }
            afterCommit(() -> cache.invalidate(tenant));
            return status(rotated, row.createdAt(), now);
        }));
    }

    /** Unwraps a row with the master key that wrapped it: the current one or, during a change, a previous one. */
    TenantKeyring unwrap(StoredKeys row) {
        MasterKey master = masterFor(row.wrapped().masterKeyId(), row.tenant());
        try {
            return KeysetWrapping.unwrap(row.wrapped(), master, row.tenant());
        } catch (GeneralSecurityException e) {
            throw new MasterKeyException("The data keys of tenant " + row.tenant() + " do not unwrap with master key "
                    + master.id() + " from " + master.origin() + ": wrong master key or a damaged row", e);
        }
    }

    Wrapped wrap(TenantKeyring keys, TenantId tenant) {
        return generated(() -> KeysetWrapping.wrap(keys, masters.current(), tenant));
    }

    private StoredKeys storedOrCreated(TenantId tenant) {
        return TenantContext.as(tenant, () -> repository.find(tenant).orElseGet(() -> create(tenant)));
    }

    /**
     * In a transaction of its own: data encrypted with these keys may outlive the caller's
     * transaction (a recording file), so the keys must be stored even if that one rolls back.
     */
    private StoredKeys create(TenantId tenant) {
        Wrapped wrapped = wrap(generated(TenantKeyring::generate), tenant);
        return newTransaction.execute(tx -> {
            repository.insertIfAbsent(tenant, wrapped, clock.instant());
            return repository.find(tenant).orElseThrow();
        });
    }

    private MasterKey masterFor(String masterKeyId, TenantId tenant) {
        MasterKey current = masters.current();
        if (current.id().equals(masterKeyId)) {
            return current;
        }
        return masters.previous().stream().filter(m -> m.id().equals(masterKeyId)).findFirst()
                .orElseThrow(() -> new MasterKeyException("The data keys of tenant " + tenant + " are wrapped by master key "
                        + masterKeyId + ", which is not configured (current: " + current.id() + "). Configure it as "
                        + ConfiguredMasterKeyProvider.PREVIOUS_FILE + " until the re-wrap has finished."));
    }

    private static DataKeyStatus status(TenantKeyring keys, Instant createdAt, Instant rotatedAt) {
        return new DataKeyStatus(keys.primaryKeyId(), keys.streamingPrimaryKeyId(), keys.keyCount(), createdAt, rotatedAt);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** Tink work that fails only on a broken installation. */
    interface TinkWork<T> {
        T run() throws GeneralSecurityException;
    }

    static <T> T generated(TinkWork<T> work) {
        try {
            return work.run();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink failed on keys it made: " + e.getMessage(), e);
        }
    }
}
