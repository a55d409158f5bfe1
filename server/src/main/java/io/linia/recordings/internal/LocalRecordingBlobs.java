package io.linia.recordings.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Recordings in a local directory: {@code <dir>/<key>}, each moved into place when whole. */
final class LocalRecordingBlobs implements RecordingBlobs {

    private final Path dir;

    LocalRecordingBlobs(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public String location() {
        return dir.toString();
    }

    Path path(String key) {
        Path p = dir.resolve(key).normalize();
        if (!p.startsWith(dir)) {
            throw new IllegalArgumentException("A key outside the store: " + key);
        }
        return p;
    }
}
