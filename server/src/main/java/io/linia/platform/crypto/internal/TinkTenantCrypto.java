package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.CiphertextFormat;
import io.linia.platform.crypto.ConfidentialStorageDisabledException;
import io.linia.platform.crypto.DataKeyStatus;
import io.linia.platform.crypto.DecryptionFailedException;
import io.linia.platform.crypto.TenantCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * {@link TenantCrypto} with Google Tink (SEC-5, SEC-6). When a ciphertext names a key the
 * cached keyring lacks, the keys are read again once before giving up: after a rotation on
 * another node, readers here keep working.
 */
@Service
class TinkTenantCrypto implements TenantCrypto {

    private final DataKeys keys;
    private final DataProtectionSettings settings;

    TinkTenantCrypto(DataKeys keys, DataProtectionSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @Override
    public boolean storageAllowed(TenantId tenant) {
        return settings.confidentialStorage(tenant);
    }

    @Override
    public byte[] encrypt(TenantId tenant, byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        requireStorageAllowed(tenant);
        return DataKeys.generated(() -> keys.keyring(tenant).encrypt(plaintext, associatedData));
    }

    @Override
    public byte[] decrypt(TenantId tenant, byte[] ciphertext, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        long keyId = CiphertextFormat.valueKeyId(ciphertext);
        TenantKeyring keyring = keys.keyring(tenant);
        if (keyId >= 0 && !keyring.hasValueKey(keyId)) {
            keyring = keys.load(tenant);
        }
        try {
            return keyring.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("A value of tenant " + tenant + " does not decrypt (key " + keyId
                    + "): changed, of another tenant or record, or under an unknown key", e);
        }
    }

    @Override
    public OutputStream encryptingStream(TenantId tenant, OutputStream target, byte[] associatedData) throws IOException {
        Objects.requireNonNull(target, "target");
        requireStorageAllowed(tenant);
        return keys.keyring(tenant).encryptingStream(target, associatedData);
    }

    @Override
    public InputStream decryptingStream(TenantId tenant, InputStream source, byte[] associatedData) throws IOException {
        byte[] header = source.readNBytes(CiphertextFormat.STREAM_HEADER_LENGTH);
        long keyId = CiphertextFormat.streamKeyId(header);
        if (keyId < 0) {
            throw new DecryptionFailedException("A stream of tenant " + tenant + " has no Linia stream header", null);
        }
        TenantKeyring keyring = keys.keyring(tenant);
        if (!keyring.hasStreamKey(keyId)) {
            keyring = keys.load(tenant);
        }
        try {
            return keyring.decryptingStream(header, source, associatedData);
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("A stream of tenant " + tenant + " names key " + keyId
                    + ", which is not one of its keys", e);
        }
    }

    @Override
    public DataKeyStatus status(TenantId tenant) {
        return keys.status(tenant);
    }

    private void requireStorageAllowed(TenantId tenant) {
        if (!settings.confidentialStorage(tenant)) {
            throw new ConfidentialStorageDisabledException(tenant);
        }
    }
}
