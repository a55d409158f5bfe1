package io.linia.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL's settings for large writes (TEL-4), sized by the machine's memory. */
class EmbeddedSettingsTest {

    private static final long MB = 1 << 20;

    @Test
    void sharedBuffersAreAnEighthOfTheMemoryBetween128MbAnd1Gb() {
        assertThat(DatabaseConfiguration.embeddedSettings(512 * MB, Map.of())).containsEntry("shared_buffers", "128MB");
        assertThat(DatabaseConfiguration.embeddedSettings(4096 * MB, Map.of())).containsEntry("shared_buffers", "512MB");
        assertThat(DatabaseConfiguration.embeddedSettings(64 * 1024 * MB, Map.of())).containsEntry("shared_buffers", "1024MB");
    }

    @Test
    void checkpointsAreSpacedForLargeWrites() {
        assertThat(DatabaseConfiguration.embeddedSettings(4096 * MB, Map.of())).containsEntry("max_wal_size", "8GB")
                .containsEntry("checkpoint_timeout", "30min").containsEntry("wal_buffers", "64MB");
    }

    @Test
    void theOperatorsSettingsComeOnTopAndMayBeWrittenWithDashes() {
        Map<String, String> settings = DatabaseConfiguration.embeddedSettings(4096 * MB,
                Map.of("max-wal-size", "2GB", "work_mem", "16MB"));
        assertThat(settings).containsEntry("max_wal_size", "2GB").containsEntry("work_mem", "16MB")
                .doesNotContainKey("max-wal-size").containsEntry("shared_buffers", "512MB");
    }
}
