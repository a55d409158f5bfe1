package io.linia.platform.crypto.internal;

import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.internal.DataKeyRepository.Sentinel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The master key sentinel: a known text encrypted with the master key and stored in the
 * database, so the start-up check can tell a wrong master key before any tenant has keys.
 */
final class Sentinels {

    private static final byte[] TEXT = "linia master key sentinel v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASSOCIATED_DATA = "linia/master-key-sentinel".getBytes(StandardCharsets.US_ASCII);

    private Sentinels() {
    }

    static Sentinel seal(MasterKey master) {
        try {
            return new Sentinel(master.id(), master.aead().encrypt(TEXT, ASSOCIATED_DATA));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master key cannot encrypt", e);
        }
    }

    /** Whether {@code master} decrypts the sentinel to the known text. */
    static boolean opens(Sentinel sentinel, MasterKey master) {
        try {
            return MessageDigest.isEqual(TEXT, master.aead().decrypt(sentinel.ciphertext(), ASSOCIATED_DATA));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
