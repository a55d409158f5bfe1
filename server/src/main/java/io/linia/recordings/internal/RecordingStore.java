package io.linia.recordings.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The recordings' store (TEL-6): each recording encrypted with the tenant's data key in 1 MB
 * segments (SEC-5), bound to the recording's id so ciphertext moved to another record does not
 * decrypt, kept as {@code <tenant>/<id>.rec} in the configured {@link RecordingBlobs} (a local
 * directory or an S3-compatible bucket). A recording is encrypted into a spool file first and
 * handed to the store whole, so a half-written one is never read. The plaintext never touches
 * a disk.
 */
public class RecordingStore {

    private final RecordingBlobs blobs;
    private final Path spool;
    private final TenantCrypto crypto;

    RecordingStore(RecordingBlobs blobs, Path spool, TenantCrypto crypto) {
        this.blobs = blobs;
        this.spool = spool.toAbsolutePath();
        this.crypto = crypto;
    }

    /** Encrypts {@code audio} into the store; the plaintext size. */
    public long write(TenantId tenant, UUID id, InputStream audio) throws IOException {
        Files.createDirectories(spool);
        Path part = spool.resolve(tenant.value() + "-" + id + ".part");
        try {
            long size;
            try (OutputStream out = crypto.encryptingStream(tenant, Files.newOutputStream(part), aad(id))) {
                size = audio.transferTo(out);
            }
            blobs.put(key(tenant, id), part);
            return size;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The plaintext of a stored recording. */
    public InputStream read(TenantId tenant, UUID id) throws IOException {
        return crypto.decryptingStream(tenant, blobs.get(key(tenant, id)), aad(id));
    }

    /** Removes a recording's ciphertext. */
    public void delete(TenantId tenant, UUID id) throws IOException {
        blobs.delete(key(tenant, id));
    }

    /** Where the recordings are kept (a directory or a bucket), for logs and the admin. */
    public String location() {
        return blobs.location();
    }

    /** Where recordings are encrypted before they go into the store. */
    Path spool() {
        return spool;
    }

    static String key(TenantId tenant, UUID id) {
        return tenant.value() + "/" + id + ".rec";
    }

    private static byte[] aad(UUID id) {
        return ("recording:" + id).getBytes(StandardCharsets.UTF_8);
    }
}
