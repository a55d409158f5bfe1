package io.linia.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The second tenancy lock (ID-1, ARCHITECTURE.md "Data"). Every connection handed out carries
 * the current {@link TenantContext} as the session settings {@code linia.tenant_id} and
 * {@code linia.system}; the row-level-security policies of tenant tables admit only rows of
 * that tenant. Set on every checkout, so a pooled connection never keeps a previous tenant.
 * With no context at all, tenant tables show no rows: forgetting the tenant fails closed.
 * When the context changes inside a transaction, the connection bound to it follows.
 *
 * <p>Applying costs a round trip, and most checkouts of a request hand back a pooled
 * connection that already carries the same scope. So the scope applied to each physical
 * connection is remembered — but only when it was applied outside a transaction (a session
 * setting made inside one is undone by its rollback). A switch inside a transaction forgets
 * the connection's scope, so its next checkout applies again.
 */
public final class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final String APPLY =
            "select set_config('linia.tenant_id', ?, false), set_config('linia.system', ?, false)";

    private final Consumer<TenantContext.Scope> follower = this::follow;
    /** The scope each physical connection carries for sure; weak, so a retired connection drops out. */
    private final Map<Object, TenantContext.Scope> applied = Collections.synchronizedMap(new WeakHashMap<>());

    public TenantScopedDataSource(DataSource target) {
        super(target);
        TenantContext.addListener(follower);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        TenantContext.Scope scope = TenantContext.current();
        Object physical = null;
        try {
            physical = physical(connection);
            if (connection.getAutoCommit()) {
                if (scope.equals(applied.get(physical))) {
                    return connection;
                }
                applied.remove(physical);
                apply(connection, scope);
                applied.put(physical, scope);
            } else {
                applied.remove(physical);
                apply(connection, scope);
            }
        } catch (SQLException | RuntimeException e) {
            if (physical != null) {
                applied.remove(physical);
            }
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The driver's connection behind the pool's proxy (the proxy is new on every checkout). */
    private static Object physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : connection;
    }

    private static void apply(Connection connection, TenantContext.Scope scope) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(APPLY)) {
            ps.setString(1, scope.tenantId() == null ? "" : scope.tenantId().toString());
            ps.setString(2, scope.system() ? "on" : "off");
            ps.execute();
        }
    }

    private void follow(TenantContext.Scope scope) {
        if (TransactionSynchronizationManager.getResource(this) instanceof ConnectionHolder holder
                && holder.getConnectionHandle() != null) {
            try {
                applied.remove(physical(holder.getConnection()));
                apply(holder.getConnection(), scope);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not switch the tenant of the transaction's connection", e);
            }
        }
    }

    @Override
    public void close() {
        TenantContext.removeListener(follower);
        if (getTargetDataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
