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

/** SEC-8: a tenant's API and sign-ins only from its networks; the tests call from loopback. */
@IntegrationTest
class AllowedNetworksIT {

    private static final String PATH = "/api/v1/security-policy/allowed-networks";

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
        acme.user("op", "operator");
        admin = api.as(acme.token(api, "admin"));
    }

    @Test
    void aListWithoutTheCallersNetworkRefusesApiCallsAndSignIns() {
        Api operator = api.as(acme.token(api, "op"));
        assertThat(admin.put(PATH, Map.of("networks", List.of("10.0.0.0/8", "2001:db8::/32"))).status()).isEqualTo(200);

        Api.Response call = operator.get("/api/v1/auth/me");
        assertThat(call.status()).isEqualTo(403);
        assertThat(call.code()).isEqualTo("ip_not_allowed");
        Api.Response signIn = api.post("/api/v1/auth/token", Map.of("tenant", acme.code(), "login", "op", "password", TestTenants.PASSWORD));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.code()).isEqualTo("ip_not_allowed");

        // another tenant is not affected
        TestTenant other = tenants.create();
        assertThat(api.as(other.token(api, "admin")).get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void aListWithTheCallersNetworkAllowsThem() {
        admin.put(PATH, Map.of("networks", List.of("127.0.0.0/8", "::1/128")));
        assertThat(admin.get(PATH).json().get("networks").size()).isEqualTo(2);
        assertThat(api.as(acme.token(api, "op")).get("/api/v1/auth/me").status()).isEqualTo(200);

        admin.put(PATH, Map.of("networks", List.of()));
        assertThat(api.as(acme.token(api, "op")).get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void aMalformedEntryIsRefusedByIndexAndNothingIsSaved() {
        Api.Response r = admin.put(PATH, Map.of("networks", List.of("10.0.0.0/8", "192.168.0.0/24", "10.0.0.0/33")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("invalid_cidr");
        assertThat(r.field()).isEqualTo("networks[2]");
        assertThat(admin.get(PATH).json().get("networks").size()).isZero();
    }

    @Test
    void onlySecurityAdminsManageTheList() {
        assertThat(api.as(acme.token(api, "op")).put(PATH, Map.of("networks", List.of())).status()).isEqualTo(403);
    }
}
