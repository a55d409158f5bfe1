package io.linia.platform.crypto;

import java.nio.ByteBuffer;

/**
 * The byte layouts {@link TenantCrypto} produces (docs/encryption.md "Formats").
 *
 * <ul>
 *   <li>Value ({@link TenantCrypto#encrypt}): Tink's AEAD output with its 5-byte prefix,
 *       {@code 0x01 | key id (4 bytes, big-endian) | IV (12) | ciphertext | GCM tag (16)}.</li>
 *   <li>Stream ({@link TenantCrypto#encryptingStream}): {@code "LS" | version 0x01 | key id
 *       (4 bytes, big-endian) | Tink AES256_GCM_HKDF_1MB stream}. The 7-byte header is part of
 *       the stream's associated data, so changing the key id breaks decryption.</li>
 * </ul>
 *
 * <p>Key ids are unsigned 32-bit numbers, unique within a tenant's keyset and not secret; they
 * let a reader pick the right key after rotations, and let an operator find data still under
 * an old key.
 */
public final class CiphertextFormat {

    /** Tink's marker of a ciphertext prefixed with its key id. */
    public static final byte VALUE_VERSION = 0x01;
    public static final int VALUE_PREFIX_LENGTH = 5;

    public static final byte[] STREAM_MAGIC = {'L', 'S'};
    public static final byte STREAM_VERSION = 0x01;
    public static final int STREAM_HEADER_LENGTH = 7;

    private CiphertextFormat() {
    }

    /** The id of the key that encrypted a value, or -1 if {@code ciphertext} is not in this format. */
    public static long valueKeyId(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < VALUE_PREFIX_LENGTH || ciphertext[0] != VALUE_VERSION) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    /** The id of the key that encrypted a stream, from its first bytes, or -1 if they are no stream header. */
    public static long streamKeyId(byte[] start) {
        if (start == null || start.length < STREAM_HEADER_LENGTH || start[0] != STREAM_MAGIC[0]
                || start[1] != STREAM_MAGIC[1] || start[2] != STREAM_VERSION) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(start, 3, 4).getInt());
    }

    /** The stream header for a key id. */
    public static byte[] streamHeader(long keyId) {
        return ByteBuffer.allocate(STREAM_HEADER_LENGTH).put(STREAM_MAGIC).put(STREAM_VERSION).putInt((int) keyId).array();
    }
}
