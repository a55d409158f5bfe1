package io.linia.platform.crypto.internal;

import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyException;
import io.linia.platform.crypto.MasterKeyProvider;
import io.linia.platform.crypto.internal.DataKeyRepository.Sentinel;
import io.linia.platform.crypto.internal.DataKeyRepository.StoredKeys;
import io.linia.platform.tenancy.TenantContext;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * A wrong master key fails loudly at start (SEC-5), before the application serves anything
 * or writes data it could not read back: the configured master keys must open the sentinel
 * and one keyset of every master key id found in the database. The first start stores the
 * sentinel.
 */
@Component
class MasterKeyCheck implements SmartInitializingSingleton {

    private final DataKeyRepository repository;
    private final MasterKeyProvider masters;
    private final Clock clock;

    MasterKeyCheck(DataKeyRepository repository, MasterKeyProvider masters, Clock clock) {
        this.repository = repository;
        this.masters = masters;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        verify();
    }

    /** @throws MasterKeyException naming the setting to fix */
    void verify() {
        Map<String, MasterKey> known = new LinkedHashMap<>();
        known.put(masters.current().id(), masters.current());
        masters.previous().forEach(m -> known.putIfAbsent(m.id(), m));
        TenantContext.asSystem(() -> {
            repository.insertSentinelIfAbsent(Sentinels.seal(masters.current()), clock.instant());
            Sentinel sentinel = repository.sentinel().orElseThrow();
            MasterKey sentinelKey = known.get(sentinel.masterKeyId());
            if (sentinelKey == null || !Sentinels.opens(sentinel, sentinelKey)) {
                throw wrongKey(sentinel.masterKeyId());
            }
            for (String id : repository.masterKeyIdsInUse()) {
                MasterKey key = known.get(id);
                StoredKeys sample = repository.anyWrappedBy(id).orElseThrow();
                if (key == null || !unwraps(sample, key)) {
                    throw wrongKey(id);
                }
            }
        });
    }

    private static boolean unwraps(StoredKeys row, MasterKey key) {
        try {
            KeysetWrapping.unwrap(row.wrapped(), key, row.tenant());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private MasterKeyException wrongKey(String storedId) {
        MasterKey current = masters.current();
        return new MasterKeyException("Wrong master key: the data keys in the database are wrapped by master key "
                + storedId + ", which the configured master key " + current.id() + " (from " + current.origin()
                + ") cannot open. Set " + ConfiguredMasterKeyProvider.FILE + " or " + ConfiguredMasterKeyProvider.INLINE
                + " to the key they were wrapped with. To change the master key, configure the new one and keep the old "
                + "one in " + ConfiguredMasterKeyProvider.PREVIOUS_FILE + " until the re-wrap has finished "
                + "(docs/encryption.md).");
    }
}
