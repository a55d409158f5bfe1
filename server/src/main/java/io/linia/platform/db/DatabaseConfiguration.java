package io.linia.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
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

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props) throws IOException {
        if (!props.isEmbedded()) {
            return EmbeddedDatabase.NONE;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(props.embedded().port());
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
        log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(),
                props.embedded().temporary() ? "a temporary directory" : props.embedded().dataPath());
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
