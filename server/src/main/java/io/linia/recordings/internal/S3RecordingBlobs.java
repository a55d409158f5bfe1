package io.linia.recordings.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Recordings in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, Yandex Object
 * Storage …): one object per recording, {@code <prefix><key>}. The object is put whole from the
 * encrypted spool file, so a half-written one is never read. Failures come back as IOException
 * with the store's own code and message.
 */
final class S3RecordingBlobs implements RecordingBlobs {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String location;

    S3RecordingBlobs(S3Client s3, String bucket, String prefix, String endpoint) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.location = (endpoint == null || endpoint.isBlank() ? "s3:/" : endpoint) + "/" + bucket + "/" + this.prefix;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType("application/octet-stream"),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + key);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    /** Checks that the bucket is there and the credentials open it; the reason when not. */
    void check() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw failure("open bucket", "", e);
        }
    }

    private IOException failure(String what, String key, SdkException e) {
        String why = e.getMessage();
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            why = s.statusCode() + " " + (code != null ? code + ": " + s.awsErrorDetails().errorMessage()
                    : s.statusCode() == 404 ? "no such bucket or object"
                    : s.statusCode() == 403 ? "access denied (the key, the secret or the bucket's policy)" : "");
        }
        return new IOException("S3 " + what + " " + location + key + " failed: " + why, e);
    }
}
