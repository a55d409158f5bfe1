package io.linia.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.crypto.internal.DataProtectionAdministration;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What every module relies on when it stores confidential data (SEC-5, SEC-6), over the real database. */
@IntegrationTest
class TenantCryptoIT {

    static final byte[] AD = "recording:call-1".getBytes(StandardCharsets.UTF_8);

    @Autowired
    TenantCrypto crypto;
    @Autowired
    DataProtectionAdministration administration;
    @Autowired
    TestTenants tenants;
    @Autowired
    PlatformTransactionManager transactions;

    TestTenant acme;
    TestTenant globex;

    @BeforeEach
    void setUp() {
        acme = tenants.create();
        globex = tenants.create();
    }

    @Test
    void aValueRoundTripsAndTheCiphertextShowsNoPlaintext() {
        byte[] secret = "Card holder: Ivan Petrov, +7 912 000-00-00".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = crypto.encrypt(acme.id(), secret, AD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Ivan");
        assertThat(crypto.decrypt(acme.id(), sealed, AD)).isEqualTo(secret);
        assertThat(crypto.decrypt(acme.id(), crypto.encrypt(acme.id(), new byte[0], null), null)).isEmpty();
    }

    @Test
    void aRecordingOfSeveralMegabytesRoundTripsAsAStream() throws IOException {
        byte[] recording = random(5 * 1024 * 1024 + 123);
        byte[] sealed = encryptStream(acme, recording);

        assertThat(sealed.length).isGreaterThan(recording.length);
        assertThat(CiphertextFormat.streamKeyId(sealed)).isEqualTo(crypto.status(acme.id()).streamingPrimaryKeyId());
        assertThat(decryptStream(acme, sealed)).isEqualTo(recording);
    }

    @Test
    void anotherTenantsKeyNeverDecrypts() throws IOException {
        byte[] value = crypto.encrypt(acme.id(), "acme only".getBytes(StandardCharsets.UTF_8), AD);
        byte[] stream = encryptStream(acme, random(10_000));
        crypto.encrypt(globex.id(), new byte[1], AD); // globex has keys of its own

        assertThatThrownBy(() -> crypto.decrypt(globex.id(), value, AD))
                .isInstanceOf(DecryptionFailedException.class)
                .satisfies(e -> assertThat(((DecryptionFailedException) e).code()).isEqualTo("decryption_failed"));
        assertThatThrownBy(() -> decryptStream(globex, stream)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aChangedCiphertextOrOtherAssociatedDataFails() throws IOException {
        byte[] value = crypto.encrypt(acme.id(), "transcript".getBytes(StandardCharsets.UTF_8), AD);
        byte[] flipped = value.clone();
        flipped[flipped.length - 3] ^= 1;
        assertThatThrownBy(() -> crypto.decrypt(acme.id(), flipped, AD)).isInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> crypto.decrypt(acme.id(), value, "recording:call-2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecryptionFailedException.class);

        byte[] stream = encryptStream(acme, random(3 * 1024 * 1024));
        stream[2 * 1024 * 1024] ^= 1; // inside the third segment
        assertThatThrownBy(() -> decryptStream(acme, stream)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decryptStream(acme, "not a stream".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void afterRotationOldDataStaysReadableAndNewDataCarriesTheNewKeyId() throws IOException {
        byte[] oldValue = crypto.encrypt(acme.id(), "before".getBytes(StandardCharsets.UTF_8), AD);
        byte[] oldStream = encryptStream(acme, random(200_000));
        DataKeyStatus before = crypto.status(acme.id());
        assertThat(CiphertextFormat.valueKeyId(oldValue)).isEqualTo(before.primaryKeyId());

        DataKeyStatus after = administration.rotateDataKey(acme.id());

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(after.streamingPrimaryKeyId()).isNotEqualTo(before.streamingPrimaryKeyId());
        assertThat(after.keyCount()).isEqualTo(before.keyCount() + 1);
        byte[] newValue = crypto.encrypt(acme.id(), "after".getBytes(StandardCharsets.UTF_8), AD);
        byte[] newStream = encryptStream(acme, random(1000));
        assertThat(CiphertextFormat.valueKeyId(newValue)).isEqualTo(after.primaryKeyId());
        assertThat(CiphertextFormat.streamKeyId(newStream)).isEqualTo(after.streamingPrimaryKeyId());
        assertThat(new String(crypto.decrypt(acme.id(), oldValue, AD), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(decryptStream(acme, oldStream)).hasSize(200_000);
        assertThat(crypto.status(globex.id()).keyCount()).isEqualTo(1);
    }

    @Test
    void keysMadeInsideATransactionThatRollsBackSurviveSoTheDataStaysReadable() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        byte[][] sealed = new byte[1][];
        tx.executeWithoutResult(status -> {
            sealed[0] = crypto.encrypt(acme.id(), "written to a file".getBytes(StandardCharsets.UTF_8), AD);
            status.setRollbackOnly();
        });
        assertThat(crypto.decrypt(acme.id(), sealed[0], AD)).asString(StandardCharsets.UTF_8).isEqualTo("written to a file");
        assertThat(crypto.status(acme.id()).primaryKeyId()).isEqualTo(CiphertextFormat.valueKeyId(sealed[0]));
    }

    @Test
    void whenConfidentialStorageIsOffNothingIsEncryptedButStoredDataStaysReadable() {
        byte[] stored = crypto.encrypt(acme.id(), "kept".getBytes(StandardCharsets.UTF_8), AD);
        assertThat(crypto.storageAllowed(acme.id())).isTrue();

        administration.setConfidentialStorage(acme.id(), false);

        assertThat(crypto.storageAllowed(acme.id())).isFalse();
        assertThat(crypto.storageAllowed(globex.id())).isTrue();
        assertThatThrownBy(() -> crypto.encrypt(acme.id(), new byte[1], AD))
                .isInstanceOf(ConfidentialStorageDisabledException.class)
                .satisfies(e -> {
                    ConfidentialStorageDisabledException d = (ConfidentialStorageDisabledException) e;
                    assertThat(d.code()).isEqualTo("confidential_storage_disabled");
                    assertThat(d.status().value()).isEqualTo(422);
                });
        assertThatThrownBy(() -> crypto.encryptingStream(acme.id(), new ByteArrayOutputStream(), AD))
                .isInstanceOf(ConfidentialStorageDisabledException.class);
        assertThat(crypto.decrypt(acme.id(), stored, AD)).asString(StandardCharsets.UTF_8).isEqualTo("kept");
        assertThat(crypto.encrypt(globex.id(), new byte[1], AD)).isNotEmpty();

        administration.setConfidentialStorage(acme.id(), true);
        assertThat(crypto.encrypt(acme.id(), new byte[1], AD)).isNotEmpty();
    }

    byte[] encryptStream(TestTenant tenant, byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = crypto.encryptingStream(tenant.id(), sink, AD)) {
            for (int i = 0; i < data.length; i += 64 * 1024) {
                out.write(data, i, Math.min(64 * 1024, data.length - i));
            }
        }
        return sink.toByteArray();
    }

    byte[] decryptStream(TestTenant tenant, byte[] sealed) throws IOException {
        try (InputStream in = crypto.decryptingStream(tenant.id(), new ByteArrayInputStream(sealed), AD)) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
