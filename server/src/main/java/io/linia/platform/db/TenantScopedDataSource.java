package io.linia.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
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
 */
public final class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final String APPLY =
            "select set_config('linia.tenant_id', ?, false), set_config('linia.system', ?, false)";

    private final Consumer<TenantContext.Scope> follower = this::follow;

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

    private static Connection scoped(Connection connection) throws SQLException {
        try {
            apply(connection, TenantContext.current());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
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
