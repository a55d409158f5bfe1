package io.linia.recordings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.crypto.TenantCrypto;
import io.linia.test.IntegrationTest;
import io.linia.test.S3ProxyServer;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * TEL-6 "S3-compatible store by config": recordings put into and read from a real S3 server
 * (S3Proxy, SigV4) — encrypted per tenant (SEC-5), byte for byte back with ranges across the
 * 1 MB segments, bound to the recording and the tenant, removed on delete; a wrong bucket or
 * secret is reported with the store's reason.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingS3IT {

    static final String BUCKET = "linia-recordings";

    @Autowired
    TenantCrypto crypto;
    @Autowired
    TestTenants tenants;

    S3ProxyServer s3;
    S3RecordingBlobs blobs;
    RecordingStore store;
    TestTenant acme;
    TestTenant globex;

    @BeforeAll
    void start() throws IOException {
        s3 = S3ProxyServer.start();
        blobs = RecordingStorageConfig.s3(s3.endpoint(), "us-east-1", BUCKET, "calls/", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true);
        client().createBucket(b -> b.bucket(BUCKET));
        store = new RecordingStore(blobs, Files.createTempDirectory("linia-spool"), crypto);
        acme = tenants.create();
        globex = tenants.create();
    }

    @AfterAll
    void stop() {
        s3.close();
    }

    /** A client of the test's own, to look into the bucket as an operator would. */
    software.amazon.awssdk.services.s3.S3Client client() {
        return RecordingStorageConfig.client(s3.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true);
    }

    static byte[] audio(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void aRecordingGoesIntoTheBucketEncryptedAndComesBackWithRanges() throws IOException {
        byte[] wav = audio(2_500_000);
        UUID id = UUID.randomUUID();
        assertThat(store.write(acme.id(), id, new ByteArrayInputStream(wav))).isEqualTo(wav.length);

        // one object under the prefix, tenant and id; it holds none of the audio
        byte[] object = client().getObjectAsBytes(b -> b.bucket(BUCKET).key("calls/" + acme.id().value() + "/" + id + ".rec"))
                .asByteArray();
        assertThat(object.length).isGreaterThan(wav.length);
        assertThat(indexOf(object, Arrays.copyOfRange(wav, 1_000_000, 1_000_064))).isEqualTo(-1);

        try (InputStream in = store.read(acme.id(), id)) {
            assertThat(in.readAllBytes()).isEqualTo(wav);
        }
        // a range across the first segment boundary, as the player seeks (Recordings.open skips)
        try (InputStream in = store.read(acme.id(), id)) {
            in.skipNBytes(1_048_000);
            assertThat(in.readNBytes(2_000)).isEqualTo(Arrays.copyOfRange(wav, 1_048_000, 1_050_000));
        }
        // the spool is empty again: nothing plain or encrypted stays on the node's disk
        try (var left = Files.list(spool())) {
            assertThat(left).isEmpty();
        }

        store.delete(acme.id(), id);
        assertThatThrownBy(() -> store.read(acme.id(), id)).isInstanceOf(NoSuchFileException.class);
        store.delete(acme.id(), id); // twice is no error
    }

    @Test
    void ciphertextIsBoundToItsRecordingAndItsTenant() throws IOException {
        byte[] wav = audio(300_000);
        UUID id = UUID.randomUUID();
        store.write(acme.id(), id, new ByteArrayInputStream(wav));
        byte[] object = client().getObjectAsBytes(b -> b.bucket(BUCKET).key("calls/" + acme.id().value() + "/" + id + ".rec"))
                .asByteArray();

        // copied onto another recording of the same tenant: does not decrypt
        UUID other = UUID.randomUUID();
        client().putObject(b -> b.bucket(BUCKET).key("calls/" + acme.id().value() + "/" + other + ".rec"),
                RequestBody.fromBytes(object));
        assertThatThrownBy(() -> {
            try (InputStream in = store.read(acme.id(), other)) {
                in.readAllBytes();
            }
        }).isInstanceOfAny(IOException.class, RuntimeException.class);

        // copied into another tenant's place: its keys do not open it
        client().putObject(b -> b.bucket(BUCKET).key("calls/" + globex.id().value() + "/" + id + ".rec"),
                RequestBody.fromBytes(object));
        assertThatThrownBy(() -> {
            try (InputStream in = store.read(globex.id(), id)) {
                in.readAllBytes();
            }
        }).isInstanceOfAny(IOException.class, RuntimeException.class);
        // and another tenant never reads the first tenant's key
        assertThatThrownBy(() -> store.read(globex.id(), UUID.randomUUID())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aMissingBucketOrAWrongSecretIsReportedWithTheStoresReason() {
        S3RecordingBlobs missing = RecordingStorageConfig.s3(s3.endpoint(), "us-east-1", "no-such-bucket", "",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true);
        assertThatThrownBy(missing::check).isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-bucket").hasMessageContaining("404");

        S3RecordingBlobs wrong = RecordingStorageConfig.s3(s3.endpoint(), "us-east-1", BUCKET, "",
                S3ProxyServer.ACCESS_KEY, "not-the-secret", true);
        assertThatThrownBy(wrong::check).isInstanceOf(IOException.class).hasMessageContaining("403");
        assertThatThrownBy(() -> {
            Path file = Files.createTempFile("linia-s3", ".part");
            try {
                Files.write(file, new byte[] {1, 2, 3});
                wrong.put("x.rec", file);
            } finally {
                Files.delete(file);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("S3 put").hasMessageContaining("403");
    }

    @Test
    void theStoreIsChosenByConfiguration() {
        RecordingStorageConfig config = new RecordingStorageConfig();
        RecordingStore s = config.recordingStore("s3", spool().toString(), s3.endpoint(), "us-east-1", BUCKET, "calls/",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true, crypto);
        assertThat(s.location()).isEqualTo(s3.endpoint() + "/" + BUCKET + "/calls/");
        RecordingStore local = config.recordingStore("local", spool().toString(), "", "us-east-1", "", "", "", "", true, crypto);
        assertThat(local.location()).isEqualTo(spool().toAbsolutePath().toString());
        assertThatThrownBy(() -> config.recordingStore("ftp", "x", "", "us-east-1", "", "", "", "", true, crypto))
                .hasMessageContaining("linia.recordings.store").hasMessageContaining("ftp");
        assertThatThrownBy(() -> config.recordingStore("s3", "x", s3.endpoint(), "us-east-1", " ", "", "", "", true, crypto))
                .hasMessageContaining("linia.recordings.s3.bucket");
    }

    Path spool() {
        return store.spool();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
