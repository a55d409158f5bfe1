package io.linia.platform.crypto;

import io.linia.platform.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encrypts a tenant's confidential data with that tenant's own data key (SEC-5).
 *
 * <p>Two shapes: {@link #encrypt}/{@link #decrypt} for values that fit in memory (e-mail
 * bodies, transcripts, confidential fields), and {@link #encryptingStream}/{@link
 * #decryptingStream} for large files (recordings), processed in 1 MB segments. Both
 * ciphertext formats name the key that made them ({@link CiphertextFormat}), so data stays
 * readable after any number of rotations.
 *
 * <p>The associated data is authenticated but not encrypted: pass what the ciphertext belongs
 * to (e.g. {@code "recording:" + callId}), and the same bytes again to decrypt; a ciphertext
 * moved to another record then fails to decrypt. {@code null} means empty.
 *
 * <p>Before storing, callers check {@link #storageAllowed}: when a tenant has switched
 * confidential storage off (SEC-6), the encrypting methods throw
 * {@link ConfidentialStorageDisabledException} and the caller must skip storing. Decryption
 * keeps working, so data stored before the switch stays readable until it is deleted.
 */
public interface TenantCrypto {

    /** Whether the tenant stores confidential data at all (SEC-6; on unless switched off). */
    boolean storageAllowed(TenantId tenant);

    /**
     * Encrypts a value with the tenant's current primary key.
     *
     * @throws ConfidentialStorageDisabledException when the tenant switched storage off
     */
    byte[] encrypt(TenantId tenant, byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts a value made by {@link #encrypt} for the same tenant and associated data.
     *
     * @throws DecryptionFailedException when the ciphertext was changed, belongs to another
     *                                   tenant or record, or its key is unknown
     */
    byte[] decrypt(TenantId tenant, byte[] ciphertext, byte[] associatedData);

    /**
     * A stream that encrypts what is written to it into {@code target}; closing it writes the
     * last segment and closes {@code target}. The header naming the key is written at once.
     *
     * @throws ConfidentialStorageDisabledException when the tenant switched storage off
     */
    OutputStream encryptingStream(TenantId tenant, OutputStream target, byte[] associatedData) throws IOException;

    /**
     * A stream of the plaintext of {@code source}, made by {@link #encryptingStream}. The
     * header is read at once; a changed segment makes a later {@code read} throw an
     * {@link IOException}, so no unauthenticated byte is ever returned.
     *
     * @throws DecryptionFailedException when the header is malformed or names no key of this tenant
     */
    InputStream decryptingStream(TenantId tenant, InputStream source, byte[] associatedData) throws IOException;

    /** The tenant's data keys: primary key ids, how many, when created and last rotated. */
    DataKeyStatus status(TenantId tenant);
}
