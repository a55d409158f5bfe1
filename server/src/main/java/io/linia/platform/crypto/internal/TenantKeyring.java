package io.linia.platform.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.linia.platform.crypto.CiphertextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's unwrapped data keys and the primitives made from them; immutable and safe to
 * share between threads. Values use an AES256_GCM keyset through Tink's keyset AEAD, which
 * picks the key by the ciphertext's prefix. Streams use an AES256_GCM_HKDF_1MB keyset; Tink's
 * stream format names no key, so the stream header does ({@link CiphertextFormat}) and the
 * matching single-key primitive decrypts.
 */
final class TenantKeyring {

    static {
        TinkSetup.init();
    }

    private final KeysetHandle valueKeys;
    private final KeysetHandle streamKeys;
    private final Aead aead;
    private final Set<Long> valueKeyIds = new HashSet<>();
    private final Map<Long, StreamingAead> streamByKeyId = new HashMap<>();

    TenantKeyring(KeysetHandle valueKeys, KeysetHandle streamKeys) throws GeneralSecurityException {
        this.valueKeys = valueKeys;
        this.streamKeys = streamKeys;
        this.aead = valueKeys.getPrimitive(RegistryConfiguration.get(), Aead.class);
        for (int i = 0; i < valueKeys.size(); i++) {
            valueKeyIds.add(Integer.toUnsignedLong(valueKeys.getAt(i).getId()));
        }
        for (int i = 0; i < streamKeys.size(); i++) {
            KeysetHandle.Entry entry = streamKeys.getAt(i);
            KeysetHandle single = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(entry.getKey()).withFixedId(entry.getId()).makePrimary())
                    .build();
            streamByKeyId.put(Integer.toUnsignedLong(entry.getId()), single.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
        }
    }

    /** Fresh keys for a tenant that has none. */
    static TenantKeyring generate() throws GeneralSecurityException {
        return new TenantKeyring(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB));
    }

    /** The same keys plus a new primary key in each keyset (SEC-5 rotation); old keys still decrypt. */
    TenantKeyring rotated() throws GeneralSecurityException {
        return new TenantKeyring(
                KeysetHandle.newBuilder(valueKeys).addEntry(KeysetHandle.generateEntryFromParameters(
                        PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary()).build(),
                KeysetHandle.newBuilder(streamKeys).addEntry(KeysetHandle.generateEntryFromParameters(
                        PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB).withRandomId().makePrimary()).build());
    }

    KeysetHandle valueKeys() {
        return valueKeys;
    }

    KeysetHandle streamKeys() {
        return streamKeys;
    }

    long primaryKeyId() {
        return Integer.toUnsignedLong(valueKeys.getPrimary().getId());
    }

    long streamingPrimaryKeyId() {
        return Integer.toUnsignedLong(streamKeys.getPrimary().getId());
    }

    int keyCount() {
        return valueKeys.size();
    }

    boolean hasValueKey(long keyId) {
        return valueKeyIds.contains(keyId);
    }

    boolean hasStreamKey(long keyId) {
        return streamByKeyId.containsKey(keyId);
    }

    byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
    }

    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    /** Writes the header for the primary key to {@code target} and returns the encrypting stream. */
    OutputStream encryptingStream(OutputStream target, byte[] associatedData) throws IOException {
        long keyId = streamingPrimaryKeyId();
        byte[] header = CiphertextFormat.streamHeader(keyId);
        target.write(header);
        try {
            return streamByKeyId.get(keyId).newEncryptingStream(target, streamAssociatedData(header, associatedData));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink refused a key it generated", e);
        }
    }

    /** The plaintext of {@code rest}, the stream after a {@code header} naming a key of this keyring. */
    InputStream decryptingStream(byte[] header, InputStream rest, byte[] associatedData)
            throws IOException, GeneralSecurityException {
        StreamingAead primitive = streamByKeyId.get(CiphertextFormat.streamKeyId(header));
        if (primitive == null) {
            throw new GeneralSecurityException("no key " + CiphertextFormat.streamKeyId(header));
        }
        return primitive.newDecryptingStream(rest, streamAssociatedData(header, associatedData));
    }

    /** The header is authenticated with the caller's associated data: a changed key id fails. */
    private static byte[] streamAssociatedData(byte[] header, byte[] associatedData) {
        byte[] ad = associatedData == null ? new byte[0] : associatedData;
        byte[] all = new byte[header.length + ad.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(ad, 0, all, header.length, ad.length);
        return all;
    }
}
