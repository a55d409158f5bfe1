package io.linia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** AUD-1, AUD-2, AUD-4: entries, their own permission, the hash chain and its verification. */
@IntegrationTest
class AuditLogIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api auditor;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        acme.user("aud", "auditor");
        api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "admin", "password", "wrong"));
        auditor = api.as(acme.token(api, "aud"));
    }

    @Test
    void signInsAreAuditedWithUserIpResultAndMilliseconds() {
        var items = auditor.get("/api/v1/audit?action=login").json().get("items");
        assertThat(items.size()).isEqualTo(2);
        var success = items.get(0);
        var failure = items.get(1);
        assertThat(success.get("actorLogin").asString()).isEqualTo("aud");
        assertThat(success.get("result").asString()).isEqualTo("success");
        assertThat(success.get("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(failure.get("actorLogin").asString()).isEqualTo("admin");
        assertThat(failure.get("result").asString()).isEqualTo("wrong_password");
        assertThat(success.get("at").asString()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
    }

    @Test
    void userCreationCarriesTheAfterStateAndTheActor() {
        var created = auditor.get("/api/v1/audit?action=user.create").json().get("items");
        assertThat(created.get(0).get("after").asString()).contains("\"login\":\"aud\"");
    }

    @Test
    void readingNeedsItsOwnPermissionWhichAdministratorsDoNotHave() {
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/audit/verify").status()).isEqualTo(403);
    }

    @Test
    void anotherTenantsEntriesNeverAppear() {
        TestTenant other = tenants.create();
        other.user("aud2", "auditor");
        Api otherAuditor = api.as(other.token(api, "aud2"));
        assertThat(otherAuditor.get("/api/v1/audit?limit=500").body()).doesNotContain("\"aud\"", acme.code());
    }

    @Test
    void theChainVerifiesAndATamperedEntryIsFound() {
        var verified = auditor.get("/api/v1/audit/verify").json();
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("entries").asLong()).isGreaterThanOrEqualTo(4);

        long victim = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select min(id) from audit_log where tenant_id = ? and action = 'login'").param(acme.id().value())
                .query(Long.class).single());
        TenantContext.as(acme.id(), () -> {
            jdbc.sql("alter table audit_log disable trigger audit_log_no_change").update();
            jdbc.sql("update audit_log set result = 'success' where id = ?").param(victim).update();
            jdbc.sql("alter table audit_log enable trigger audit_log_no_change").update();
        });

        var broken = auditor.get("/api/v1/audit/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenId").asLong()).isEqualTo(victim);
    }

    @Test
    void entriesCannotBeChangedOrDeleted() {
        Throwable update = catchThrowable(() -> TenantContext.as(acme.id(), () ->
                jdbc.sql("update audit_log set result = 'x' where tenant_id = ?").param(acme.id().value()).update()));
        Throwable delete = catchThrowable(() -> TenantContext.as(acme.id(), () ->
                jdbc.sql("delete from audit_log where tenant_id = ?").param(acme.id().value()).update()));
        assertThat(update).rootCause().hasMessageContaining("append-only");
        assertThat(delete).rootCause().hasMessageContaining("append-only");
    }
}
