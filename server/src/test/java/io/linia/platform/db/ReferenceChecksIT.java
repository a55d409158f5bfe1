package io.linia.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tables a history import fills by the million check their tenant (and operator) once per
 * statement instead of by foreign keys (V87, TEL-4): what the keys guaranteed still holds —
 * no row of an unknown tenant or user, no tenant or user deleted while rows name it.
 */
@IntegrationTest
class ReferenceChecksIT {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void rowsOfATenantThatDoesNotExistAreRefused() {
        UUID nobody = UUID.randomUUID();
        TenantContext.asSystem(() -> {
            assertRefused(() -> jdbc.sql("insert into calls (tenant_id, id, direction, arrived_at) values (?, 'c1', 'inbound', now())")
                    .param(nobody).update(), "tenant");
            assertRefused(() -> jdbc.sql("""
                    insert into call_legs (tenant_id, call_id, leg, queue_id, entered_at, position, sl_seconds, short_abandon_seconds)
                    values (?, 'c1', 1, gen_random_uuid(), now(), 1, 20, 5)""").param(nobody).update(), "tenant");
            assertRefused(() -> jdbc.sql("insert into call_events (tenant_id, call_id, at, type) values (?, 'c1', now(), 'enter_queue')")
                    .param(nobody).update(), "tenant");
            assertRefused(() -> jdbc.sql("insert into report_rollup_queue (tenant_id, slot, queue_id) values (?, now(), gen_random_uuid())")
                    .param(nobody).update(), "tenant");
        });
    }

    @Test
    void aStatementOfManyRowsIsRefusedWhenOneOfThemNamesAnUnknownTenant() {
        TestTenant a = tenants.create();
        TenantContext.asSystem(() -> {
            assertRefused(() -> jdbc.sql("""
                    insert into call_events (tenant_id, call_id, at, type)
                    select case when i = 500 then ? else ? end, 'c' || i, now(), 'enter_queue' from generate_series(1, 1000) i""")
                    .params(UUID.randomUUID(), a.id().value()).update(), "tenant");
            assertThat(jdbc.sql("select count(*) from call_events where tenant_id = ?").param(a.id().value())
                    .query(Long.class).single()).isZero();
        });
    }

    @Test
    void agentStatesOfAnUnknownUserOrOfAnotherTenantsUserAreRefused() {
        TestTenant a = tenants.create();
        TestTenant b = tenants.create();
        UUID bob = b.user("bob", "operator");
        String insert = "insert into agent_state_log (tenant_id, user_id, state, started_at) values (?, ?, 'READY', now())";
        TenantContext.as(a.id(), () -> {
            assertRefused(() -> jdbc.sql(insert).params(a.id().value(), UUID.randomUUID()).update(), "user");
            // row-level security hides bob from tenant a: his id is as unknown there as a random one
            assertRefused(() -> jdbc.sql(insert).params(a.id().value(), bob).update(), "user");
        });
        TenantContext.as(b.id(), () -> assertThat(jdbc.sql(insert).params(b.id().value(), bob).update()).isOne());
    }

    @Test
    void aRowCannotBeMovedToATenantThatDoesNotExist() {
        TestTenant a = tenants.create();
        TenantContext.asSystem(() -> {
            jdbc.sql("insert into calls (tenant_id, id, direction, arrived_at) values (?, 'moved', 'inbound', now())")
                    .param(a.id().value()).update();
            assertRefused(() -> jdbc.sql("update calls set tenant_id = ? where tenant_id = ? and id = 'moved'")
                    .params(UUID.randomUUID(), a.id().value()).update(), "tenant");
            // an update that keeps the tenant is not checked at all
            assertThat(jdbc.sql("update calls set outcome = 'answered' where tenant_id = ? and id = 'moved'")
                    .param(a.id().value()).update()).isOne();
        });
    }

    @Test
    void aTenantOrUserNamedByRowsCannotBeDeletedAndCanOnceTheRowsAreGone() {
        TenantContext.asSystem(() -> {
            // a bare tenant and user, so that nothing but the checked tables refers to them
            UUID tenant = bareTenant();
            UUID user = jdbc.sql("insert into users (tenant_id, login, full_name, created_at, updated_at)"
                    + " values (?, 'bare', 'Bare User', now(), now()) returning id").param(tenant).query(UUID.class).single();
            jdbc.sql("insert into agent_state_log (tenant_id, user_id, state, started_at, ended_at)"
                    + " values (?, ?, 'READY', now() - interval '1 minute', now())").params(tenant, user).update();
            jdbc.sql("insert into call_events (tenant_id, call_id, at, type) values (?, 'c1', now(), 'enter_queue')")
                    .param(tenant).update();

            jdbc.sql("delete from user_search where user_id = ?").param(user).update();
            assertRefused(() -> jdbc.sql("delete from users where id = ?").param(user).update(), "still named");
            jdbc.sql("delete from agent_state_log where tenant_id = ?").param(tenant).update();
            assertThat(jdbc.sql("delete from users where id = ?").param(user).update()).isOne();

            jdbc.sql("delete from report_agent_day_states where tenant_id = ?").param(tenant).update();
            assertRefused(() -> jdbc.sql("delete from tenants where id = ?").param(tenant).update(), "still named");
            jdbc.sql("delete from call_events where tenant_id = ?").param(tenant).update();
            assertThat(jdbc.sql("delete from tenants where id = ?").param(tenant).update()).isOne();
        });
    }

    @Test
    void theCheckOfADeletedTenantSeesRowsTheSessionCannotAndLeavesTheSessionAsItWas() {
        TestTenant a = tenants.create();
        UUID named = bareTenant();
        UUID unnamed = bareTenant();
        TenantContext.asSystem(() -> jdbc.sql("insert into calls (tenant_id, id, direction, arrived_at) values (?, 'c1', 'inbound', now())")
                .param(named).update());
        TenantContext.as(a.id(), () -> {
            // tenants has no row-level security, the call has: tenant a's session does not see the call, the check does
            assertThat(jdbc.sql("select count(*) from calls where tenant_id = ?").param(named).query(Long.class).single()).isZero();
            assertRefused(() -> jdbc.sql("delete from tenants where id = ?").param(named).update(), "still named");
            String systemAfter = transactions.execute(tx -> {
                jdbc.sql("delete from tenants where id = ?").param(unnamed).update();
                return jdbc.sql("select current_setting('linia.system', true)").query(String.class).single();
            });
            assertThat(systemAfter).isEqualTo("off");
        });
    }

    private UUID bareTenant() {
        return TenantContext.asSystem(() -> jdbc.sql("insert into tenants (code, name, created_at, updated_at)"
                        + " values (?, 'Bare', now(), now()) returning id")
                .param("bare" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single());
    }

    private static void assertRefused(Runnable statement, String what) {
        Throwable thrown = catchThrowable(statement::run);
        assertThat(thrown).as("refused").isNotNull();
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an SQL error").isInstanceOf(SQLException.class);
        assertThat(((SQLException) cause).getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION);
        assertThat(cause.getMessage()).contains(what);
    }
}
