package io.linia.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database: an embedded PostgreSQL when {@code linia.db.url} is empty, otherwise the
 * external one. The application's pool is wrapped by {@link TenantScopedDataSource}, which
 * hands PostgreSQL the tenant of the current request for row-level security.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /**
     * The embedded PostgreSQL's settings for large writes, such as a history import (TEL-4; the
     * figures are in docs/benchmarks.md): checkpoints at most every 30 minutes or 8 GB of WAL
     * instead of every ~0.5 GB, since after each checkpoint the first change of every page writes
     * a whole 8 kB image of it to the WAL; WAL buffers that a batch's transaction does not fill
     * (or its backend writes the WAL itself); and shared buffers of an eighth of the machine's
     * memory, from PostgreSQL's 128 MB up to 1 GB, so that the indexes being written stay in
     * them instead of being written out and read back. {@code overrides}
     * ({@code linia.db.embedded.settings}) come on top; names may be written with dashes.
     */
    static Map<String, String> embeddedSettings(long memoryBytes, Map<String, String> overrides) {
        long sharedMb = Math.max(128, Math.min(1024, memoryBytes / 8 / (1 << 20)));
        Map<String, String> settings = new TreeMap<>(Map.of(
                "shared_buffers", sharedMb + "MB",
                "wal_buffers", "64MB",
                "max_wal_size", "8GB",
                "checkpoint_timeout", "30min"));
        overrides.forEach((name, value) -> settings.put(name.replace('-', '_'), value));
        return settings;
    }

    private static long memoryBytes() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props) throws IOException {
        if (!props.isEmbedded()) {
            return EmbeddedDatabase.NONE;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(props.embedded().port());
        Map<String, String> settings = embeddedSettings(memoryBytes(), props.embedded().settings());
        settings.forEach(builder::setServerConfig);
        if (props.embedded().temporary()) {
            builder.setCleanDataDirectory(true);
        } else {
            Files.createDirectories(props.embedded().dataPath());
            builder.setDataDirectory(props.embedded().dataPath()).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder.start();
        // The application must not connect as the superuser: superusers skip row-level security.
        JdbcTemplate admin = new JdbcTemplate(pg.getPostgresDatabase());
        Integer roles = admin.queryForObject("select count(*) from pg_roles where rolname = ?", Integer.class, props.username());
        if (roles == 0) {
            admin.execute("create role \"" + props.username() + "\" login password '" + props.password().replace("'", "''") + "'");
        }
        Integer dbs = admin.queryForObject("select count(*) from pg_database where datname = 'linia'", Integer.class);
        if (dbs == 0) {
            admin.execute("create database linia owner \"" + props.username() + "\"");
        }
        log.info("Embedded PostgreSQL on port {} with data in {}, settings {}", pg.getPort(),
                props.embedded().temporary() ? "a temporary directory" : props.embedded().dataPath(), settings);
        return new EmbeddedDatabase(pg, pg.getJdbcUrl(props.username(), "linia"));
    }

    @Bean
    DataSource dataSource(DatabaseProperties props, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("linia");
        config.setJdbcUrl(props.isEmbedded() ? embedded.jdbcUrl() : props.url());
        config.setUsername(props.username());
        config.setPassword(props.password());
        config.setMaximumPoolSize(props.poolSize());
        HikariDataSource pool = new HikariDataSource(config);
        warnIfRowSecurityIsBypassed(pool, props);
        return new TenantScopedDataSource(pool);
    }

    private static void warnIfRowSecurityIsBypassed(DataSource pool, DatabaseProperties props) {
        Boolean bypass = new JdbcTemplate(pool).queryForObject(
                "select rolsuper or rolbypassrls from pg_roles where rolname = current_user", Boolean.class);
        if (Boolean.TRUE.equals(bypass)) {
            log.warn("Database user '{}' is a superuser or has BYPASSRLS: row-level security, the second tenancy lock, "
                    + "is not in force. Use an ordinary role that owns the schema.", props.username());
        }
    }
}
