package io.linia.platform.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from (SEC-5): inline, file, generated for dev, refused in production. */
class ConfiguredMasterKeyProviderTest {

    static final String KEY_A = key(1);
    static final String KEY_B = key(2);

    @TempDir
    Path dir;

    static String key(int seed) {
        byte[] raw = new byte[32];
        new java.util.Random(seed).nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    static CryptoProperties props(String inline, String file, String previous, boolean require, String generated) {
        return new CryptoProperties(inline, file, previous, "", require, generated, 100, Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofMinutes(1));
    }

    @Test
    void anInlineKeyIsUsedAndItsIdIsAStableFingerprintThatRevealsNothing() {
        MasterKey a1 = new ConfiguredMasterKeyProvider(props(KEY_A, "", "", true, "")).current();
        MasterKey a2 = new ConfiguredMasterKeyProvider(props(KEY_A, "", "", true, "")).current();
        MasterKey b = new ConfiguredMasterKeyProvider(props(KEY_B, "", "", true, "")).current();

        assertThat(a1.id()).isEqualTo(a2.id()).startsWith("mk-").hasSize(19).isNotEqualTo(b.id());
        assertThat(a1.origin()).contains("LINIA_MASTER_KEY");
        assertThat(a1.toString()).doesNotContain(KEY_A);
    }

    @Test
    void aKeyFileHoldsTheSameTextAndGivesTheSameKey() throws Exception {
        Path file = Files.writeString(dir.resolve("master.key"), KEY_A + "\n");
        MasterKey fromFile = new ConfiguredMasterKeyProvider(props("", file.toString(), "", true, "")).current();
        assertThat(fromFile.id()).isEqualTo(new ConfiguredMasterKeyProvider(props(KEY_A, "", "", true, "")).current().id());
        assertThat(fromFile.origin()).contains(file.toString()).contains("linia.crypto.master-key-file");
    }

    @Test
    void malformedOrAmbiguousSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ConfiguredMasterKeyProvider(props("not base64!", "", "", true, "")))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("LINIA_MASTER_KEY").hasMessageContaining("base64");
        assertThatThrownBy(() -> new ConfiguredMasterKeyProvider(props(Base64.getEncoder().encodeToString(new byte[16]), "", "", true, "")))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("32 bytes").hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new ConfiguredMasterKeyProvider(props(KEY_A, dir.resolve("x").toString(), "", true, "")))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("Set only one");
        assertThatThrownBy(() -> new ConfiguredMasterKeyProvider(props("", dir.resolve("missing.key").toString(), "", true, "")))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("linia.crypto.master-key-file");
    }

    @Test
    void productionModeRefusesToStartWithoutAConfiguredKey() {
        Path generated = dir.resolve("data/master.key");
        assertThatThrownBy(() -> new ConfiguredMasterKeyProvider(props("", "", "", true, generated.toString())))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("linia.crypto.require-configured-master-key")
                .hasMessageContaining("linia.crypto.master-key-file");
        assertThat(generated).doesNotExist();
    }

    @Test
    void devModeGeneratesAnOwnerOnlyKeyFileOnceAndReusesIt() throws Exception {
        Path generated = dir.resolve("data/master.key");
        MasterKey first = new ConfiguredMasterKeyProvider(props("", "", "", false, generated.toString()), new SecureRandom()).current();

        assertThat(generated).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(generated, StandardCharsets.US_ASCII).strip())).hasSize(32);
        MasterKey second = new ConfiguredMasterKeyProvider(props("", "", "", false, generated.toString())).current();
        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void aPreviousKeyIsOfferedForUnwrappingOnlyAndIgnoredWhenItIsTheCurrentOne() {
        ConfiguredMasterKeyProvider changing = new ConfiguredMasterKeyProvider(props(KEY_B, "", KEY_A, true, ""));
        assertThat(changing.previous()).extracting(MasterKey::id)
                .containsExactly(new ConfiguredMasterKeyProvider(props(KEY_A, "", "", true, "")).current().id());
        assertThat(new ConfiguredMasterKeyProvider(props(KEY_A, "", KEY_A, true, "")).previous()).isEmpty();
    }
}
