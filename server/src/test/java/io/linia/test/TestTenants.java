package io.linia.test;

import io.linia.identity.NewUser;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.identity.UserService;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Builds a coherent tenant for a test: a fresh tenant with a unique code and users with
 * roles, created through the real services. Sign-in goes through the real token endpoint.
 */
@Component
public class TestTenants {

    public static final String PASSWORD = "Test-Password-1";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final TenantService tenants;
    private final UserService users;

    TestTenants(TenantService tenants, UserService users) {
        this.tenants = tenants;
        this.users = users;
    }

    /** A tenant with an {@code admin} user holding the administrator role. */
    public TestTenant create() {
        String code = "t" + UUID.randomUUID().toString().substring(0, 8) + SEQ.incrementAndGet();
        Tenant tenant = tenants.create(code, "Tenant " + code, "Europe/Moscow", "en");
        TestTenant t = new TestTenant(tenant, this);
        t.user("admin", "administrator");
        return t;
    }

    /** Signs the provider's bootstrap admin in (tenant {@code provider}, login {@code admin}). */
    public static String providerToken(Api api) {
        Api.Response r = api.post("/api/v1/auth/token", Map.of("tenant", "provider", "login", "admin",
                "password", "Bootstrap-Pass-1"));
        if (r.status() != 200) {
            throw new AssertionError("provider sign-in failed: " + r);
        }
        return r.json().get("token").asString();
    }

    UUID createUser(TenantId tenant, String login, List<String> roles) {
        return TenantContext.as(tenant, () -> users.create(tenant, new NewUser(login, "User " + login,
                login + "@example.org", null, null, "en", null, PASSWORD, false, roles, Map.of())));
    }

    /** A test tenant and a way to add users and sign them in. */
    public record TestTenant(Tenant tenant, TestTenants owner) {

        public TenantId id() {
            return tenant.id();
        }

        public String code() {
            return tenant.code();
        }

        public UUID user(String login, String... roles) {
            return owner.createUser(tenant.id(), login, List.of(roles));
        }

        /** Signs {@code login} in through {@code POST /api/v1/auth/token} and returns the bearer token. */
        public String token(Api api, String login) {
            Api.Response r = api.post("/api/v1/auth/token", Map.of("tenant", code(), "login", login, "password", PASSWORD));
            if (r.status() != 200) {
                throw new AssertionError("sign-in of " + login + " failed: " + r);
            }
            return r.json().get("token").asString();
        }
    }
}
