package io.linia.platform.crypto.internal;

import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Wraps a tenant's keysets with a master key and back (SEC-5: keys stored only wrapped).
 * The stored form is Tink's encrypted keyset: the serialized keyset encrypted with the master
 * key's AES-256-GCM, with associated data {@code linia/tenant-keyset/v1/<tenant>/<purpose>},
 * so a wrapped keyset copied into another tenant's row, or into the other column, does not unwrap.
 */
final class KeysetWrapping {

    static {
        TinkSetup.init();
    }

    private KeysetWrapping() {
    }

    /** The wrapped form of both keysets of a tenant, and the master key that wrapped them. */
    record Wrapped(byte[] valueKeyset, byte[] streamKeyset, String masterKeyId) {
    }

    static Wrapped wrap(TenantKeyring keys, MasterKey master, TenantId tenant) throws GeneralSecurityException {
        return new Wrapped(
                TinkProtoKeysetFormat.serializeEncryptedKeyset(keys.valueKeys(), master.aead(), associatedData(tenant, "value")),
                TinkProtoKeysetFormat.serializeEncryptedKeyset(keys.streamKeys(), master.aead(), associatedData(tenant, "stream")),
                master.id());
    }

    static TenantKeyring unwrap(Wrapped wrapped, MasterKey master, TenantId tenant) throws GeneralSecurityException {
        return new TenantKeyring(
                TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.valueKeyset(), master.aead(), associatedData(tenant, "value")),
                TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.streamKeyset(), master.aead(), associatedData(tenant, "stream")));
    }

    private static byte[] associatedData(TenantId tenant, String purpose) {
        return ("linia/tenant-keyset/v1/" + tenant + "/" + purpose).getBytes(StandardCharsets.US_ASCII);
    }
}
