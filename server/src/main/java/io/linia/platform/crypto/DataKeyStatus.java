package io.linia.platform.crypto;

import java.time.Instant;

/**
 * What a tenant's data keys look like, without any secret.
 *
 * @param primaryKeyId          id of the key new values are encrypted with (in every new
 *                              {@link TenantCrypto#encrypt} ciphertext)
 * @param streamingPrimaryKeyId id of the key new streams are encrypted with
 * @param keyCount              keys per keyset: 1 + the number of rotations; older keys only decrypt
 * @param createdAt             when the tenant's keys were first made
 * @param rotatedAt             the last rotation, or {@code null} if never rotated
 */
public record DataKeyStatus(long primaryKeyId, long streamingPrimaryKeyId, int keyCount, Instant createdAt,
                            Instant rotatedAt) {
}
