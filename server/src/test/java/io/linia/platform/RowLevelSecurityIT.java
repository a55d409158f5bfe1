package io.linia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The second tenancy lock: even a query that forgets its tenant filter sees only its tenant's rows. */
@IntegrationTest
class RowLevelSecurityIT {

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheCurrentTenant() {
        TestTenant a = tenants.create();
        TestTenant b = tenants.create();
        UUID bob = b.user("bob", "operator");

        var logins = TenantContext.as(a.id(), () -> jdbc.sql("select login from users").query(String.class).list());
        assertThat(logins).containsExactly("admin");

        var fromA = TenantContext.as(a.id(), () -> jdbc.sql("select count(*) from users where id = ?")
                .param(bob).query(Long.class).single());
        assertThat(fromA).isZero();
    }

    @Test
    void withNoTenantAtAllNoTenantRowIsVisible() {
        tenants.create();
        assertThat(jdbc.sql("select count(*) from users").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from roles").query(Long.class).single()).isZero();
    }

    @Test
    void aRowOfAnotherTenantCannotBeWritten() {
        TestTenant a = tenants.create();
        TestTenant b = tenants.create();
        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> TenantContext.as(a.id(), () ->
                jdbc.sql("insert into user_skills (tenant_id, user_id, skill, level) select ?, id, 'x', 1 from users limit 1")
                        .param(b.id().value()).update()));
        assertThat(thrown).rootCause().hasMessageContaining("row-level security");
    }

    @Test
    void pooledConnectionsNeverKeepAScopeATransactionSwitchedOrRolledBack() {
        TestTenant a = tenants.create();
        TestTenant b = tenants.create();
        b.user("bob", "operator");
        // more rounds than the pool has connections, so every connection is handed back and reused
        for (int i = 0; i < 40; i++) {
            boolean rollback = i % 2 == 0;
            TenantContext.as(a.id(), () -> tx.execute(status -> {
                assertThat(logins()).containsExactly("admin");
                TenantContext.as(b.id(), () -> assertThat(logins()).containsExactlyInAnyOrder("admin", "bob"));
                TenantContext.asSystem(() -> assertThat(jdbc.sql("select count(*) from users where login = 'bob'")
                        .query(Long.class).single()).isPositive());
                if (rollback) {
                    status.setRollbackOnly();
                }
                return null;
            }));
            TenantContext.as(b.id(), () -> assertThat(logins()).containsExactlyInAnyOrder("admin", "bob"));
            TenantContext.as(a.id(), () -> assertThat(logins()).containsExactly("admin"));
            assertThat(jdbc.sql("select count(*) from users").query(Long.class).single()).isZero();
        }
    }

    private java.util.List<String> logins() {
        return jdbc.sql("select login from users").query(String.class).list();
    }

    @Test
    void theApplicationDoesNotConnectAsASuperuser() {
        assertThat(jdbc.sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
    }
}
