package io.linia.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Fills a Linia database (schema made by the server's migrations) with the ID-6 data set:
 * 100,000 tenants and 1,000,000 users by default, through COPY. Each tenant has the roles
 * {@code administrator} and {@code operator}; its first user is {@code admin}; everyone's
 * password is the one given (one real Argon2id hash shared by all, to keep generation fast).
 *
 * <p>Usage: {@code IdentityDataGenerator <jdbcUrl> <user> <password> <userPassword> [tenants] [users] [seed]}
 */
public final class IdentityDataGenerator {

    private static final int FLUSH_BYTES = 8 << 20;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String dbUser = args[1];
        String dbPassword = args[2];
        String userPassword = args[3];
        int tenants = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int users = args.length > 5 ? Integer.parseInt(args[5]) : 1_000_000;
        long seed = args.length > 6 ? Long.parseLong(args[6]) : 42L;

        String hash = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(userPassword);
        int[] sizes = TenantSizes.of(tenants, users, seed);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword)) {
            try (Statement st = c.createStatement()) {
                // generation crosses tenants: the narrow system scope of the RLS policies
                st.execute("select set_config('linia.system', 'on', false)");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Random random = new Random(seed);
            String now = Instant.parse("2026-01-01T00:00:00Z").toString();

            // one COPY at a time: a connection carries one COPY, and foreign keys need the parents first
            Copier tenantRows = new Copier(copy, "copy tenants (id, code, name, status, time_zone, default_language, created_at, updated_at) from stdin");
            for (int t = 0; t < tenants; t++) {
                tenantRows.row(uuid(seed, 1, t), "bench" + t, "Tenant " + t, "active", "Europe/Moscow", "ru", now, now);
            }
            tenantRows.end();
            Copier roleRows = new Copier(copy, "copy roles (id, tenant_id, code, name, builtin, permissions, created_at, updated_at) from stdin");
            for (int t = 0; t < tenants; t++) {
                UUID tenant = uuid(seed, 1, t);
                roleRows.row(uuid(seed, 2, t), tenant, "administrator", "Administrator", "t", "{USER_VIEW,USER_MANAGE,ROLE_MANAGE,SECURITY_POLICY_MANAGE,API_TOKEN_MANAGE}", now, now);
                roleRows.row(uuid(seed, 3, t), tenant, "operator", "Operator", "t", "{CALLS_HANDLE,STATS_OWN_VIEW,STATUS_VIEW}", now, now);
            }
            roleRows.end();
            report("tenants and roles", tenants * 3L, started);

            try (Statement st = c.createStatement()) {
                // the search table is filled in one statement after the COPY instead of a trigger per row
                st.execute("alter table users disable trigger users_search_sync");
            }
            Copier userRows = new Copier(copy, "copy users (id, tenant_id, login, full_name, email, extension, status, password_hash, password_changed_at, must_change_password, failed_logins, created_at, updated_at) from stdin");
            long n = 0;
            for (int t = 0; t < tenants; t++) {
                UUID tenant = uuid(seed, 1, t);
                for (int u = 0; u < sizes[t]; u++) {
                    UUID id = uuid(seed, 4, n++);
                    Names.Person p = u == 0 ? new Names.Person("Администратор", "admin") : Names.person(random, u);
                    userRows.row(id, tenant, p.login(), p.fullName(), p.login() + "@bench" + t + ".example",
                            Integer.toString(100 + u), "active", hash, now, "f", "0", now, now);
                }
            }
            userRows.end();
            report("users", n, started);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        insert into user_search (user_id, tenant_id, name_key, search_key, status, deleted, extension)
                        select id, tenant_id, lower(full_name), lower(full_name) || E'\\n' || lower(login), status,
                               deleted_at is not null, extension
                          from users on conflict do nothing
                        """);
                st.execute("alter table users enable trigger users_search_sync");
            }
            report("user search keys", n, started);
            Copier userRoleRows = new Copier(copy, "copy user_roles (tenant_id, user_id, role_id) from stdin");
            long m = 0;
            for (int t = 0; t < tenants; t++) {
                for (int u = 0; u < sizes[t]; u++) {
                    userRoleRows.row(uuid(seed, 1, t), uuid(seed, 4, m++), u == 0 ? uuid(seed, 2, t) : uuid(seed, 3, t));
                }
            }
            userRoleRows.end();
            report("users and their roles", n * 2, started);
            try (Statement st = c.createStatement()) {
                // what autovacuum does shortly after a bulk load on a live system
                st.execute("vacuum analyze");
            }
            report("vacuum analyze done; rows", tenants * 3L + n * 2, started);
        }
    }

    static UUID uuid(long seed, int kind, long n) {
        return new UUID(seed * 31 + kind, n);
    }

    private static void report(String what, long rows, long started) {
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-28s %,12d rows  %7.1f s  %,10.0f rows/s%n", what, rows, s, rows / s);
    }

    /** One COPY in PostgreSQL's text format, sent in chunks of a few MB. */
    private static final class Copier {
        private final CopyIn in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 4096);

        Copier(CopyManager copy, String sql) throws java.sql.SQLException {
            this.in = copy.copyIn(sql);
        }

        void row(Object... values) throws java.sql.SQLException {
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(values[i].toString().replace("\\", "\\\\").replace("\t", " ").replace("\n", " "));
            }
            sb.append('\n');
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() >= FLUSH_BYTES) {
                flush();
            }
        }

        private void flush() throws java.sql.SQLException {
            in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }

        void end() throws java.sql.SQLException {
            flush();
            in.endCopy();
        }
    }
}
