package io.linia.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** The running embedded PostgreSQL, or {@link #NONE} when an external database is configured. */
public final class EmbeddedDatabase implements AutoCloseable {

    static final EmbeddedDatabase NONE = new EmbeddedDatabase(null, null);

    private final EmbeddedPostgres server;
    private final String jdbcUrl;

    EmbeddedDatabase(EmbeddedPostgres server, String jdbcUrl) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
