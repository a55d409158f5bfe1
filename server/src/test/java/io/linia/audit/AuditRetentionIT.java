package io.linia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.audit.internal.AuditRetention;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** AUD-5: entries past the retention period are purged and what remains still verifies. */
@IntegrationTest
class AuditRetentionIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    AuditRetention retention;

    private long entries(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("select count(*) from audit_log where tenant_id = ?")
                .param(t.id().value()).query(Long.class).single());
    }

    @Test
    void oldEntriesArePurgedTheRestVerifiesAndThePurgeIsItselfAudited() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        acme.user("aud", "auditor");
        long old = entries(acme);
        assertThat(old).isGreaterThanOrEqualTo(3);

        assertThat(retention.retention()).isEqualTo(Duration.ofDays(1095));
        clock.advance(Duration.ofDays(1096));
        Api auditor = api.as(acme.token(api, "aud")); // a new entry: the sign-in
        assertThat(retention.purge(acme.id())).isEqualTo(old);
        assertThat(retention.purge(acme.id())).isZero();

        var items = auditor.get("/api/v1/audit?limit=500").json().get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).get("action").asString()).isEqualTo("audit.purge");
        assertThat(items.get(0).get("after").asString()).contains("\"purgedEntries\":" + old);
        assertThat(items.get(1).get("action").asString()).isEqualTo("login");

        var verified = auditor.get("/api/v1/audit/verify").json();
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries").asLong()).isEqualTo(2);

        // removing the oldest kept entry behind the purge's back is still detected
        TenantContext.asSystem(() -> {
            jdbc.sql("alter table audit_log disable trigger audit_log_no_change").update();
            jdbc.sql("delete from audit_log where id = (select min(id) from audit_log where tenant_id = ?)")
                    .param(acme.id().value()).update();
            jdbc.sql("alter table audit_log enable trigger audit_log_no_change").update();
        });
        assertThat(auditor.get("/api/v1/audit/verify").json().get("ok").asBoolean()).isFalse();
    }

    @Test
    void outsideThePurgeEntriesStillCannotBeDeleted() {
        TestTenant acme = tenants.create();
        assertThatThrownBy(() -> TenantContext.asSystem(() ->
                jdbc.sql("delete from audit_log where tenant_id = ?").param(acme.id().value()).update()))
                .hasMessageContaining("append-only");
        assertThat(entries(acme)).isPositive();
    }
}
