package io.linia.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash and every field of this
 * one, each length-prefixed so that no two different entries serialise alike.
 */
final class AuditHashing {

    /** The {@code prev_hash} of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String hash(String prevHash, UUID tenantId, Instant at, UUID actorId, String actorLogin, String ip,
                       String action, String resourceType, String resourceId, String result, String before, String after) {
        StringBuilder sb = new StringBuilder(prevHash);
        for (Object field : new Object[] {tenantId, at.toEpochMilli(), actorId, actorLogin, ip, action, resourceType,
                resourceId, result, before, after}) {
            if (field == null) {
                sb.append("|-");
            } else {
                String s = field.toString();
                sb.append('|').append(s.length()).append(':').append(s);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
