package io.linia.platform.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.CiphertextFormat;
import io.linia.platform.crypto.MasterKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The keys of one tenant without the database: formats, rotation, wrapping (SEC-5). */
class TenantKeyringTest {

    static final byte[] AD = "email:42".getBytes(StandardCharsets.UTF_8);
    final TenantId tenant = TenantId.of(UUID.randomUUID());
    final MasterKey master = new ConfiguredMasterKeyProvider(ConfiguredMasterKeyProviderTest.props(
            ConfiguredMasterKeyProviderTest.KEY_A, "", "", true, "")).current();

    @Test
    void aValueCiphertextNamesThePrimaryKeyAndRotationKeepsOldKeysForReading() throws Exception {
        TenantKeyring keys = TenantKeyring.generate();
        byte[] before = keys.encrypt("hello".getBytes(StandardCharsets.UTF_8), AD);
        assertThat(CiphertextFormat.valueKeyId(before)).isEqualTo(keys.primaryKeyId());

        TenantKeyring rotated = keys.rotated();
        byte[] after = rotated.encrypt("world".getBytes(StandardCharsets.UTF_8), AD);

        assertThat(rotated.keyCount()).isEqualTo(2);
        assertThat(rotated.primaryKeyId()).isNotEqualTo(keys.primaryKeyId());
        assertThat(rotated.streamingPrimaryKeyId()).isNotEqualTo(keys.streamingPrimaryKeyId());
        assertThat(CiphertextFormat.valueKeyId(after)).isEqualTo(rotated.primaryKeyId());
        assertThat(new String(rotated.decrypt(before, AD), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThatThrownBy(() -> keys.decrypt(after, AD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aStreamHeaderNamesTheKeyAndIsAuthenticated() throws Exception {
        TenantKeyring keys = TenantKeyring.generate().rotated();
        byte[] data = new byte[100_000];
        new java.util.Random(7).nextBytes(data);
        byte[] sealed = encryptStream(keys, data);

        assertThat(CiphertextFormat.streamKeyId(sealed)).isEqualTo(keys.streamingPrimaryKeyId());
        assertThat(decryptStream(keys, sealed)).isEqualTo(data);

        // point the header at the tenant's other (older) key: the stream must not decrypt
        long otherKey = keys.streamKeys().getAt(0).getId() & 0xffffffffL;
        assertThat(otherKey).isNotEqualTo(keys.streamingPrimaryKeyId());
        byte[] relabelled = sealed.clone();
        System.arraycopy(CiphertextFormat.streamHeader(otherKey), 0, relabelled, 0, CiphertextFormat.STREAM_HEADER_LENGTH);
        assertThatThrownBy(() -> decryptStream(keys, relabelled)).isInstanceOf(IOException.class);
    }

    @Test
    void aWrappedKeysetHoldsNoKeyBytesAndUnwrapsOnlyForItsTenantAndMasterKey() throws Exception {
        TenantKeyring keys = TenantKeyring.generate();
        KeysetWrapping.Wrapped wrapped = KeysetWrapping.wrap(keys, master, tenant);

        byte[] valueKey = ((AesGcmKey) keys.valueKeys().getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] streamKey = ((AesGcmHkdfStreamingKey) keys.streamKeys().getPrimary().getKey()).getInitialKeyMaterial()
                .toByteArray(InsecureSecretKeyAccess.get());
        assertThat(indexOf(wrapped.valueKeyset(), valueKey)).isNegative();
        assertThat(indexOf(wrapped.streamKeyset(), streamKey)).isNegative();
        assertThat(wrapped.masterKeyId()).isEqualTo(master.id());

        TenantKeyring back = KeysetWrapping.unwrap(wrapped, master, tenant);
        assertThat(back.primaryKeyId()).isEqualTo(keys.primaryKeyId());

        TenantId other = TenantId.of(UUID.randomUUID());
        assertThatThrownBy(() -> KeysetWrapping.unwrap(wrapped, master, other)).isInstanceOf(GeneralSecurityException.class);
        MasterKey otherMaster = new ConfiguredMasterKeyProvider(ConfiguredMasterKeyProviderTest.props(
                ConfiguredMasterKeyProviderTest.KEY_B, "", "", true, "")).current();
        assertThatThrownBy(() -> KeysetWrapping.unwrap(wrapped, otherMaster, tenant)).isInstanceOf(GeneralSecurityException.class);
        KeysetWrapping.Wrapped swapped = new KeysetWrapping.Wrapped(wrapped.streamKeyset(), wrapped.valueKeyset(), master.id());
        assertThatThrownBy(() -> KeysetWrapping.unwrap(swapped, master, tenant)).isInstanceOf(GeneralSecurityException.class);
    }

    static byte[] encryptStream(TenantKeyring keys, byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = keys.encryptingStream(sink, AD)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    static byte[] decryptStream(TenantKeyring keys, byte[] sealed) throws IOException, GeneralSecurityException {
        InputStream source = new ByteArrayInputStream(sealed);
        byte[] header = source.readNBytes(CiphertextFormat.STREAM_HEADER_LENGTH);
        try (InputStream in = keys.decryptingStream(header, source, AD)) {
            return in.readAllBytes();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
