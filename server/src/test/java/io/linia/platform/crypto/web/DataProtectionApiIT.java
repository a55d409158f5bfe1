package io.linia.platform.crypto.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.crypto.CiphertextFormat;
import io.linia.platform.crypto.TenantCrypto;
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

/** The tenant administrator's data-protection API (SEC-5 rotation, SEC-6 switch): permission, audit, own tenant only. */
@IntegrationTest
class DataProtectionApiIT {

    static final String KEY = "/api/v1/security/data-key";
    static final String ROTATE = "/api/v1/security/data-key/rotate";
    static final String STORAGE = "/api/v1/security/confidential-storage";

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    TenantCrypto crypto;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    TestTenant globex;
    Api acmeAdmin;
    Api globexAdmin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        globex = tenants.create();
        acmeAdmin = api.as(acme.token(api, "admin"));
        globexAdmin = api.as(globex.token(api, "admin"));
    }

    @Test
    void rotationAddsANewPrimaryKeyOfTheCallersTenantOnlyAndIsAudited() {
        byte[] old = crypto.encrypt(acme.id(), "before".getBytes(), null);
        Api.Response before = acmeAdmin.get(KEY);
        Api.Response globexBefore = globexAdmin.get(KEY);

        Api.Response rotated = acmeAdmin.post(ROTATE, null);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        long newKey = rotated.json().get("primaryKeyId").asLong();
        assertThat(newKey).isNotEqualTo(before.json().get("primaryKeyId").asLong());
        assertThat(rotated.json().get("keyCount").asInt()).isEqualTo(2);
        assertThat(rotated.json().get("rotatedAt").isNull()).isFalse();
        assertThat(acmeAdmin.get(KEY).json().get("primaryKeyId").asLong()).isEqualTo(newKey);
        assertThat(CiphertextFormat.valueKeyId(crypto.encrypt(acme.id(), new byte[1], null))).isEqualTo(newKey);
        assertThat(crypto.decrypt(acme.id(), old, null)).isEqualTo("before".getBytes());
        assertThat(globexAdmin.get(KEY).json()).isEqualTo(globexBefore.json());

        Map<String, Object> entry = io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql("""
                select actor_login, resource_id, before_state::text as before, after_state::text as after
                  from audit_log where tenant_id = ? and action = 'data_key.rotate'""")
                .param(acme.id().value()).query().singleRow());
        assertThat(entry.get("actor_login")).isEqualTo("admin");
        assertThat(entry.get("resource_id")).isEqualTo(acme.id().toString());
        assertThat((String) entry.get("before")).contains(before.json().get("primaryKeyId").asString());
        assertThat((String) entry.get("after")).contains(String.valueOf(newKey));
        assertThat(io.linia.platform.tenancy.TenantContext.as(globex.id(), () -> jdbc.sql(
                "select count(*) from audit_log where tenant_id = ? and action = 'data_key.rotate'")
                .param(globex.id().value()).query(Long.class).single())).isZero();
    }

    @Test
    void confidentialStorageIsOnByDefaultAndSwitchingItOffIsAuditedAndConcernsOnlyTheCallersTenant() {
        assertThat(acmeAdmin.get(STORAGE).json().get("enabled").asBoolean()).isTrue();

        Api.Response off = acmeAdmin.put(STORAGE, Map.of("enabled", false));

        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(acmeAdmin.get(STORAGE).json().get("enabled").asBoolean()).isFalse();
        assertThat(crypto.storageAllowed(acme.id())).isFalse();
        assertThat(globexAdmin.get(STORAGE).json().get("enabled").asBoolean()).isTrue();
        assertThat(crypto.storageAllowed(globex.id())).isTrue();
        Map<String, Object> entry = io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql("""
                select before_state::text as before, after_state::text as after from audit_log
                 where tenant_id = ? and action = 'confidential_storage.update'""")
                .param(acme.id().value()).query().singleRow());
        assertThat((String) entry.get("before")).contains("true");
        assertThat((String) entry.get("after")).contains("false");
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        Api.Response missing = acmeAdmin.put(STORAGE, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("required");
        assertThat(missing.field()).isEqualTo("enabled");

        Api.Response wrongType = acmeAdmin.put(STORAGE, Map.of("enabled", "sometimes"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.field()).isEqualTo("enabled");

        Api.Response unknown = acmeAdmin.put(STORAGE, Map.of("enabled", false, "tenant", globex.id().toString()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown_field");
        assertThat(crypto.storageAllowed(acme.id())).isTrue();
        assertThat(crypto.storageAllowed(globex.id())).isTrue();
    }

    @Test
    void onlyHoldersOfSecurityPolicyManageMayUseTheApi() {
        acme.user("olga", "operator");
        Api operator = api.as(acme.token(api, "olga"));
        for (Api.Response r : new Api.Response[] {operator.get(KEY), operator.post(ROTATE, null), operator.get(STORAGE),
                operator.put(STORAGE, Map.of("enabled", false))}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("forbidden");
        }
        assertThat(api.get(KEY).status()).isEqualTo(401);
        assertThat(api.get(STORAGE).status()).isEqualTo(401);
        // an anonymous write is stopped before authentication by the CSRF check (403) or by it (401)
        assertThat(api.post(ROTATE, null).status()).isIn(401, 403);
        assertThat(api.put(STORAGE, Map.of("enabled", false)).status()).isIn(401, 403);
        assertThat(crypto.storageAllowed(acme.id())).isTrue();
        assertThat(crypto.status(acme.id()).keyCount()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where tenant_id = ? and action in ('data_key.rotate', 'confidential_storage.update')")
                .param(acme.id().value()).query(Long.class).single()).isZero();
    }
}
