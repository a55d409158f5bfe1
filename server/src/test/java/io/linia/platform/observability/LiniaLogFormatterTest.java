package io.linia.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OPS-5: the exact field names and formats of a log line. */
class LiniaLogFormatterTest {

    private final LiniaLogFormatter formatter = new LiniaLogFormatter("linia");
    private final Logger logger = new LoggerContext().getLogger("io.linia.Test");

    private JsonNode format(LoggingEvent event) {
        String line = formatter.format(event);
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        return JsonMapper.builder().build().readTree(line);
    }

    @Test
    void anOrdinaryLineHasTheOps5FieldsAndAMillisecondUtcTimestamp() {
        LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "disk {} full", null, new Object[] {"/data"});
        event.setTimeStamp(1_795_000_000_123L);
        event.setMDCPropertyMap(Map.of());
        JsonNode json = format(event);
        assertThat(json.get("timestamp").asString()).isEqualTo("2026-11-18T11:06:40.123Z");
        assertThat(json.get("level").asString()).isEqualTo("WARN");
        assertThat(json.get("type").asString()).isEqualTo("app");
        assertThat(json.get("service_name").asString()).isEqualTo("linia");
        assertThat(json.get("message").asString()).isEqualTo("disk /data full");
        assertThat(json.has("ip")).isFalse();
        assertThat(json.has("request_id")).isFalse();
    }

    @Test
    void aRequestLineCarriesTheRequestFieldsWithNumbersAsNumbers() {
        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "GET /x 200", null, null);
        event.setMDCPropertyMap(Map.of("type", "request", "ip", "10.1.2.3", "request_id", "abc12345",
                "operation_id", "GET /api/v1/users/{id}", "operation_phase_id", "end", "status", "404",
                "request_length", "17"));
        JsonNode json = format(event);
        assertThat(json.get("type").asString()).isEqualTo("request");
        assertThat(json.get("ip").asString()).isEqualTo("10.1.2.3");
        assertThat(json.get("operation_id").asString()).isEqualTo("GET /api/v1/users/{id}");
        assertThat(json.get("operation_phase_id").asString()).isEqualTo("end");
        assertThat(json.get("request_id").asString()).isEqualTo("abc12345");
        assertThat(json.get("status").isNumber()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("request_length").asLong()).isEqualTo(17);
    }

    @Test
    void anExceptionGoesIntoTheErrorField() {
        LoggingEvent event = new LoggingEvent("x", logger, Level.ERROR, "boom", new IllegalStateException("bad state"), null);
        event.setMDCPropertyMap(Map.of());
        assertThat(format(event).get("error").asString()).contains("IllegalStateException: bad state");
    }
}
