package io.linia.recordings.internal;

import io.linia.platform.crypto.TenantCrypto;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chooses where recordings are kept (TEL-6): {@code linia.recordings.store=local} (default, the
 * directory {@code linia.recordings.dir}) or {@code s3} (the bucket of {@code linia.recordings.s3.*};
 * every node of a cluster then plays every recording). docs/recordings.md.
 */
@Configuration(proxyBeanMethods = false)
class RecordingStorageConfig {

    private static final Logger log = LoggerFactory.getLogger(RecordingStorageConfig.class);

    @Bean
    RecordingStore recordingStore(@Value("${linia.recordings.store:local}") String store,
                                  @Value("${linia.recordings.dir}") String dir,
                                  @Value("${linia.recordings.s3.endpoint:}") String endpoint,
                                  @Value("${linia.recordings.s3.region:us-east-1}") String region,
                                  @Value("${linia.recordings.s3.bucket:}") String bucket,
                                  @Value("${linia.recordings.s3.prefix:}") String prefix,
                                  @Value("${linia.recordings.s3.access-key:}") String accessKey,
                                  @Value("${linia.recordings.s3.secret-key:}") String secretKey,
                                  @Value("${linia.recordings.s3.path-style:true}") boolean pathStyle,
                                  TenantCrypto crypto) {
        Path base = Path.of(dir);
        RecordingBlobs blobs = switch (store.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> new LocalRecordingBlobs(base);
            case "s3" -> {
                S3RecordingBlobs s3 = s3(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle);
                try {
                    s3.check();
                } catch (IOException e) {
                    // recordings made meanwhile are marked failed with the reason; the platform itself runs on
                    log.error("Recordings store {} cannot be used: {}", s3.location(), e.getMessage());
                }
                yield s3;
            }
            default -> throw new IllegalStateException(
                    "linia.recordings.store (LINIA_RECORDINGS_STORE) must be local or s3, not '" + store + "'");
        };
        log.info("Recordings are stored in {}", blobs.location());
        return new RecordingStore(blobs, base.resolve("spool"), crypto);
    }

    static S3RecordingBlobs s3(String endpoint, String region, String bucket, String prefix, String accessKey,
                               String secretKey, boolean pathStyle) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("linia.recordings.s3.bucket (LINIA_RECORDINGS_S3_BUCKET) is required for store s3");
        }
        return new S3RecordingBlobs(client(endpoint, region, accessKey, secretKey, pathStyle), bucket, prefix, endpoint);
    }

    /** An S3 client that suits S3-compatible stores as well as AWS (no default checksums they may not know). */
    static S3Client client(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .httpClient(UrlConnectionHttpClient.create())
                // the SDK's newer default checksums (x-amz-checksum-*) are refused by several S3-compatible
                // stores (501 NotImplemented); send and check them only where the API requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(accessKey == null || accessKey.isBlank()
                        ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
