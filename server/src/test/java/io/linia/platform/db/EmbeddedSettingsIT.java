package io.linia.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL runs with the settings for large writes (TEL-4), not PostgreSQL's defaults. */
@IntegrationTest
class EmbeddedSettingsIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theServerRunsWithTheSettingsForLargeWrites() {
        assertThat(show("max_wal_size")).isEqualTo("8GB");
        assertThat(show("checkpoint_timeout")).isEqualTo("30min");
        assertThat(show("wal_buffers")).isEqualTo("64MB");
        long sharedMb = jdbc.sql("select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")
                .query(Long.class).single();
        assertThat(sharedMb).isBetween(128L, 1024L);
    }

    private String show(String name) {
        return jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
    }
}
