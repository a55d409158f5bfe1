package io.linia.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is (OPS-8). With no {@code url} the platform starts its own embedded
 * PostgreSQL (real server binaries from a Maven artifact); with a {@code url} it connects to
 * an external PostgreSQL — the same code either way.
 *
 * @param url        JDBC URL of an external PostgreSQL ({@code LINIA_DB_URL}); empty = embedded.
 * @param username   database user ({@code LINIA_DB_USERNAME}). Must not be a superuser or have
 *                   BYPASSRLS: row-level security is the second tenancy lock and those skip it.
 * @param password   database password ({@code LINIA_DB_PASSWORD}).
 * @param poolSize   maximum connections in the pool; 20 serves ~1,000 working users, since
 *                   requests hold a connection only for their transaction.
 * @param embedded   settings of the embedded server.
 */
@ConfigurationProperties("linia.db")
public record DatabaseProperties(
        @DefaultValue("") String url,
        @DefaultValue("linia") String username,
        @DefaultValue("linia") String password,
        @DefaultValue("20") int poolSize,
        @DefaultValue Embedded embedded) {

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /**
     * @param dataDir directory of the embedded server's data ({@code LINIA_DB_EMBEDDED_DATA_DIR});
     *                kept between starts. Empty = a temporary directory removed at stop (tests).
     * @param port    TCP port on loopback; 0 picks a free one.
     * @param settings PostgreSQL server settings ({@code max_wal_size: 8GB}), over the
     *                 embedded server's defaults for large writes (DatabaseConfiguration#embeddedSettings);
     *                 a name may be written with dashes ({@code max-wal-size}).
     */
    public record Embedded(@DefaultValue("./data/pg") String dataDir, @DefaultValue("0") int port,
                           java.util.Map<String, String> settings) {

        public Embedded {
            settings = settings == null ? java.util.Map.of() : java.util.Map.copyOf(settings);
        }

        public boolean temporary() {
            return dataDir == null || dataDir.isBlank();
        }

        public Path dataPath() {
            return Path.of(dataDir).toAbsolutePath().normalize();
        }
    }
}
