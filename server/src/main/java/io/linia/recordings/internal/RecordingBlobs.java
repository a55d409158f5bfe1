package io.linia.recordings.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the encrypted recordings lie (TEL-6): a local directory by default, an S3-compatible
 * bucket for a cluster whose nodes share no disk. Holds ciphertext only; {@link RecordingStore}
 * encrypts before and decrypts after.
 */
public interface RecordingBlobs {

    /** Stores the file's bytes under {@code key}, replacing what was there; the file may be moved or left. */
    void put(String key, Path file) throws IOException;

    /** The bytes under {@code key}; {@link java.nio.file.NoSuchFileException} when there are none. */
    InputStream get(String key) throws IOException;

    /** Removes {@code key}; nothing happens when it is not there. */
    void delete(String key) throws IOException;

    /** Where, for logs and the admin: a directory or a bucket's URL (never a secret). */
    String location();
}
