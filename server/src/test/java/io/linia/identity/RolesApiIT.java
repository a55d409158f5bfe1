package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Roles (ID-3, SPEC §2): built-in roles are fixed, custom roles come from the permission list. */
@IntegrationTest
class RolesApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
    }

    private String roleId(String code) {
        for (var role : admin.get("/api/v1/roles").json()) {
            if (role.get("code").asString().equals(code)) {
                return role.get("id").asString();
            }
        }
        throw new AssertionError("no role " + code);
    }

    @Test
    void builtInRolesAreListedWithTheirPermissionsAndCannotBeChanged() {
        Api.Response list = admin.get("/api/v1/roles");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"operator\"", "\"auditor\"", "CALLS_HANDLE").doesNotContain("provider_admin");
        String operator = roleId("operator");
        Api.Response edit = admin.patch("/api/v1/roles/" + operator, Map.of("permissions", List.of("AUDIT_READ")));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("builtin_role");
        assertThat(admin.delete("/api/v1/roles/" + operator).code()).isEqualTo("builtin_role");
        // the administrator role is held by "admin"
        assertThat(admin.get("/api/v1/roles/" + roleId("administrator")).json().get("users").asLong()).isEqualTo(1);
    }

    @Test
    void aCustomRoleGrantsItsPermissionsAndAnEditTakesEffectAtTheNextRequest() {
        Api.Response created = admin.post("/api/v1/roles", Map.of("code", "auditor_plus", "name", "Аудитор+",
                "permissions", List.of("AUDIT_READ", "USER_VIEW")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("builtin").asBoolean()).isFalse();

        acme.user("kate", "auditor_plus");
        Api kate = api.as(acme.token(api, "kate"));
        assertThat(kate.get("/api/v1/audit").status()).isEqualTo(200);
        assertThat(kate.get("/api/v1/users").status()).isEqualTo(200);

        admin.patch("/api/v1/roles/" + id, Map.of("permissions", List.of("USER_VIEW")));
        assertThat(kate.get("/api/v1/audit").status()).isEqualTo(403);

        Api.Response inUse = admin.delete("/api/v1/roles/" + id);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("role_in_use");
    }

    @Test
    void anUnusedCustomRoleIsDeleted() {
        String id = admin.post("/api/v1/roles", Map.of("code", "temp", "name", "Temp", "permissions", List.of()))
                .json().get("id").asString();
        assertThat(admin.delete("/api/v1/roles/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/roles/" + id).status()).isEqualTo(404);
    }

    @Test
    void badPermissionsAndDuplicateCodesAreRefusedNamingTheField() {
        Api.Response unknown = admin.post("/api/v1/roles", Map.of("code", "x", "name", "X", "permissions", List.of("FLY")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.field()).isEqualTo("permissions");
        assertThat(unknown.code()).isEqualTo("unknown_permission");

        Api.Response provider = admin.post("/api/v1/roles", Map.of("code", "x", "name", "X",
                "permissions", List.of("TENANT_MANAGE")));
        assertThat(provider.status()).isEqualTo(422);
        assertThat(provider.code()).isEqualTo("provider_permission");

        Api.Response dup = admin.post("/api/v1/roles", Map.of("code", "operator", "name", "Op", "permissions", List.of()));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.field()).isEqualTo("code");

        Api.Response badCode = admin.post("/api/v1/roles", Map.of("code", "Bad Code", "name", "X", "permissions", List.of()));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.field()).isEqualTo("code");

        assertThat(admin.get("/api/v1/permissions").body()).contains("AUDIT_READ").doesNotContain("TENANT_MANAGE");
    }

    @Test
    void anotherTenantsRoleIsNotFound() {
        String id = admin.post("/api/v1/roles", Map.of("code", "mine", "name", "Mine", "permissions", List.of("USER_VIEW")))
                .json().get("id").asString();
        TestTenant other = tenants.create();
        Api intruder = api.as(other.token(api, "admin"));
        assertThat(intruder.get("/api/v1/roles/" + id).status()).isEqualTo(404);
        assertThat(intruder.patch("/api/v1/roles/" + id, Map.of("name", "Hacked")).status()).isEqualTo(404);
        assertThat(intruder.delete("/api/v1/roles/" + id).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/roles").body()).doesNotContain("\"mine\"");
        assertThat(admin.get("/api/v1/roles/" + id).json().get("name").asString()).isEqualTo("Mine");
    }

    @Test
    void anOperatorMayNotManageRoles() {
        acme.user("op", "operator");
        Api operator = api.as(acme.token(api, "op"));
        assertThat(operator.post("/api/v1/roles", Map.of("code", "x", "name", "X", "permissions", List.of())).status())
                .isEqualTo(403);
        assertThat(operator.get("/api/v1/roles").status()).isEqualTo(403);
    }
}
