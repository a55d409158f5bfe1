package io.linia.recordings.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The local directory store of recordings (TEL-6): one file per recording under
 * {@code <dir>/<tenant>/<id>.rec}, encrypted with the tenant's data key in 1 MB segments
 * (SEC-5), bound to the recording's id so a file moved to another record does not decrypt. A
 * file is written beside and moved into place, so a half-written one is never read.
 */
@Component
public class RecordingStore {

    private final Path dir;
    private final TenantCrypto crypto;

    RecordingStore(@Value("${linia.recordings.dir}") String dir, TenantCrypto crypto) {
        this.dir = Path.of(dir).toAbsolutePath();
        this.crypto = crypto;
    }

    /** Encrypts {@code audio} into the store; the plaintext size. */
    public long write(TenantId tenant, UUID id, InputStream audio) throws IOException {
        Path folder = dir.resolve(tenant.value().toString());
        Files.createDirectories(folder);
        Path part = folder.resolve(id + ".part");
        long size;
        try (OutputStream out = crypto.encryptingStream(tenant, Files.newOutputStream(part), aad(id))) {
            size = audio.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file(tenant, id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return size;
    }

    /** The plaintext of a stored recording. */
    public InputStream read(TenantId tenant, UUID id) throws IOException {
        return crypto.decryptingStream(tenant, Files.newInputStream(file(tenant, id)), aad(id));
    }

    /** Where a recording's ciphertext is (for tests: it must not contain the audio). */
    public Path file(TenantId tenant, UUID id) {
        return dir.resolve(tenant.value().toString()).resolve(id + ".rec");
    }

    private static byte[] aad(UUID id) {
        return ("recording:" + id).getBytes(StandardCharsets.UTF_8);
    }
}
