package io.linia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** OPS-3, OPS-4, API-1: probes, metrics and the API document answer without signing in. */
@IntegrationTest
class OperationsEndpointsIT {

    @LocalServerPort
    int port;

    @Test
    void livenessAndReadinessAreUpAndReadinessCoversTheDatabase() {
        Api api = new Api(port);
        Api.Response live = api.get("/actuator/health/liveness");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asString()).isEqualTo("UP");
        Api.Response ready = api.get("/actuator/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");
        assertThat(ready.body()).contains("\"db\"");
    }

    @Test
    void prometheusShowsJvmPoolAndHttpMetrics() {
        new Api(port).get("/login");
        String metrics = new Api(port).get("/actuator/prometheus").body();
        assertThat(metrics).contains("jvm_memory_used_bytes", "hikaricp_connections", "http_server_requests");
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndItsBearerToken() {
        Api.Response doc = new Api(port).get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("info").get("title").asString()).isEqualTo("Linia API");
        assertThat(doc.body()).contains("/api/v1/auth/token", "/api/v1/users/{id}", "\"bearer\"");
        assertThat(new Api(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
