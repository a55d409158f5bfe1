package io.linia.platform.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import io.linia.platform.crypto.CiphertextFormat;
import io.linia.platform.crypto.MasterKeyException;
import io.linia.platform.crypto.MasterKeyProvider;
import io.linia.platform.crypto.TenantCrypto;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.MutableClock;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How the keys are kept (SEC-5): only wrapped, behind row-level security, shared by nodes that
 * each cache them, moved to a new master key by the re-wrap, and guarded by the start-up check.
 * "Another node" is a second set of the real components over the same database.
 */
@IntegrationTest
class DataKeyStorageIT {

    static final byte[] AD = "email:7".getBytes(StandardCharsets.UTF_8);
    static final String NEW_MASTER_KEY = ConfiguredMasterKeyProviderTest.key(99);

    @Autowired
    TenantCrypto crypto;
    @Autowired
    DataKeys dataKeys;
    @Autowired
    DataKeyRepository repository;
    @Autowired
    DataProtectionSettings settings;
    @Autowired
    MasterKeyProvider masters;
    @Autowired
    CryptoProperties props;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    TestTenant globex;

    @BeforeEach
    void setUp() {
        acme = tenants.create();
        globex = tenants.create();
    }

    @Test
    void theStoredRowHoldsTheKeysOnlyWrappedAndOnlyItsTenantSeesIt() {
        crypto.encrypt(acme.id(), new byte[] {1}, AD);
        TenantKeyring keys = dataKeys.keyring(acme.id());
        byte[] valueKey = ((AesGcmKey) keys.valueKeys().getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] streamKey = ((AesGcmHkdfStreamingKey) keys.streamKeys().getPrimary().getKey()).getInitialKeyMaterial()
                .toByteArray(InsecureSecretKeyAccess.get());

        Map<String, Object> row = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select aead_keyset, streaming_keyset, master_key_id from tenant_data_keys where tenant_id = ?")
                .param(acme.id().value()).query().singleRow());

        assertThat(TenantKeyringTest.indexOf((byte[]) row.get("aead_keyset"), valueKey)).isNegative();
        assertThat(TenantKeyringTest.indexOf((byte[]) row.get("streaming_keyset"), streamKey)).isNegative();
        assertThat(row.get("master_key_id")).isEqualTo(masters.current().id());
        String countAcme = "select count(*) from tenant_data_keys where tenant_id = ?";
        assertThat(TenantContext.as(globex.id(), () -> jdbc.sql(countAcme).param(acme.id().value()).query(Long.class).single())).isZero();
        assertThat(jdbc.sql(countAcme).param(acme.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void readersKeepWorkingWhileAnotherNodeRotates() {
        byte[] before = crypto.encrypt(acme.id(), "before".getBytes(StandardCharsets.UTF_8), AD); // cached here
        DataKeys otherNodeKeys = new DataKeys(repository, masters, transactions, clock, props);
        TinkTenantCrypto otherNode = new TinkTenantCrypto(otherNodeKeys, settings);

        long newKey = otherNodeKeys.rotate(acme.id()).primaryKeyId();
        byte[] fromOtherNode = otherNode.encrypt(acme.id(), "after".getBytes(StandardCharsets.UTF_8), AD);

        assertThat(CiphertextFormat.valueKeyId(fromOtherNode)).isEqualTo(newKey);
        assertThat(crypto.decrypt(acme.id(), fromOtherNode, AD)).asString(StandardCharsets.UTF_8).isEqualTo("after");
        assertThat(otherNode.decrypt(acme.id(), before, AD)).asString(StandardCharsets.UTF_8).isEqualTo("before");
        assertThat(CiphertextFormat.valueKeyId(crypto.encrypt(acme.id(), new byte[1], AD))).isEqualTo(newKey);
    }

    @Test
    void anotherNodesRotationReachesThisNodesWritersWhenTheCacheExpires() {
        long oldKey = CiphertextFormat.valueKeyId(crypto.encrypt(globex.id(), new byte[1], AD));
        long newKey = new DataKeys(repository, masters, transactions, clock, props).rotate(globex.id()).primaryKeyId();

        assertThat(CiphertextFormat.valueKeyId(crypto.encrypt(globex.id(), new byte[1], AD))).isEqualTo(oldKey);
        clock.advance(props.cacheTtl());
        assertThat(CiphertextFormat.valueKeyId(crypto.encrypt(globex.id(), new byte[1], AD))).isEqualTo(newKey);
    }

    @Test
    void aWrongMasterKeyFailsTheStartCheckNamingTheSetting() {
        crypto.encrypt(acme.id(), new byte[1], AD);
        MasterKeyProvider wrong = provider(ConfiguredMasterKeyProviderTest.KEY_B, "");

        assertThatThrownBy(() -> new MasterKeyCheck(repository, wrong, clock).verify())
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("Wrong master key")
                .hasMessageContaining(masters.current().id())
                .hasMessageContaining(wrong.current().id())
                .hasMessageContaining("linia.crypto.master-key-file")
                .hasMessageContaining("LINIA_MASTER_KEY");
        new MasterKeyCheck(repository, masters, clock).verify();
    }

    @Test
    void aMasterKeyChangeRewrapsEveryKeysetWithThePreviousKeyAndDataStaysReadable() {
        byte[] sealed = crypto.encrypt(acme.id(), "survives".getBytes(StandardCharsets.UTF_8), AD);
        long keyBefore = crypto.status(acme.id()).primaryKeyId();
        MasterKeyProvider changing = provider(NEW_MASTER_KEY, props.masterKey());
        MasterKeyProvider newOnly = provider(NEW_MASTER_KEY, "");
        try {
            DataKeyRewrap.Result result = rewrap(changing);

            assertThat(result.failed()).isZero();
            assertThat(result.rewrapped()).isGreaterThanOrEqualTo(1);
            assertThat(TenantContext.asSystem(() -> repository.masterKeyIdsInUse())).containsExactly(newOnly.current().id());
            assertThat(rewrap(changing)).isEqualTo(new DataKeyRewrap.Result(0, 0));
            new MasterKeyCheck(repository, newOnly, clock).verify();
            TinkTenantCrypto newNode = new TinkTenantCrypto(new DataKeys(repository, newOnly, transactions, clock, props), settings);
            assertThat(newNode.decrypt(acme.id(), sealed, AD)).asString(StandardCharsets.UTF_8).isEqualTo("survives");
            assertThat(newNode.status(acme.id()).primaryKeyId()).isEqualTo(keyBefore);
            assertThatThrownBy(() -> new MasterKeyCheck(repository, masters, clock).verify())
                    .isInstanceOf(MasterKeyException.class).hasMessageContaining(newOnly.current().id());
        } finally {
            // change back: the rest of the suite shares this database and its configured key
            rewrap(provider(props.masterKey(), NEW_MASTER_KEY));
        }
        assertThat(TenantContext.asSystem(() -> repository.masterKeyIdsInUse())).isEqualTo(List.of(masters.current().id()));
        new MasterKeyCheck(repository, masters, clock).verify();
    }

    DataKeyRewrap.Result rewrap(MasterKeyProvider provider) {
        return new DataKeyRewrap(repository, new DataKeys(repository, provider, transactions, clock, props), provider,
                transactions, clock).rewrapAll();
    }

    static MasterKeyProvider provider(String current, String previous) {
        return new ConfiguredMasterKeyProvider(ConfiguredMasterKeyProviderTest.props(current, "", previous, true, ""));
    }
}
