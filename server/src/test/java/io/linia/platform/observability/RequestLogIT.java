package io.linia.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OPS-5 on the wire: a real request writes one JSON request line with every field. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLogIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    private static JsonNode requestLine(CapturedOutput output, String requestId) {
        return Arrays.stream(output.getOut().split("\n"))
                .filter(l -> l.startsWith("{") && l.contains("\"type\":\"request\"") && l.contains(requestId))
                .map(l -> JsonMapper.builder().build().readTree(l))
                .findFirst().orElseThrow(() -> new AssertionError("no request line for " + requestId));
    }

    @Test
    void aRequestIsLoggedAsOneJsonLineWithTheOps5Fields(CapturedOutput output) {
        var acme = tenants.create();
        Api api = new Api(port).as(acme.token(new Api(port), "admin")).withHeader("X-Request-Id", "test-req-0001");
        Api.Response r = api.get("/api/v1/users/00000000-0000-0000-0000-000000000042");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("X-Request-Id")).isEqualTo("test-req-0001");

        JsonNode line = requestLine(output, "test-req-0001");
        assertThat(line.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("service_name").asString()).isEqualTo("linia");
        assertThat(line.get("ip").asString()).isNotBlank();
        assertThat(line.get("operation_id").asString()).isEqualTo("GET /api/v1/users/{id}");
        assertThat(line.get("operation_phase_id").asString()).isEqualTo("end");
        assertThat(line.get("status").asInt()).isEqualTo(404);
        assertThat(line.get("request_length").asLong()).isZero();
        assertThat(line.get("message").asString()).contains("/api/v1/users/");
    }

    @Test
    void anInsaneIncomingRequestIdIsReplaced(CapturedOutput output) {
        Api.Response r = new Api(port).withHeader("X-Request-Id", "<script>").get("/login");
        assertThat(r.header("X-Request-Id")).isNotEqualTo("<script>").hasSize(36);
        assertThat(requestLine(output, r.header("X-Request-Id")).get("status").asInt()).isEqualTo(200);
    }
}
