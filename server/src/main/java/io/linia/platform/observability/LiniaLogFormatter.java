package io.linia.platform.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per log line with exactly the OPS-5 field names: {@code timestamp} (RFC 3339,
 * milliseconds, UTC), {@code level}, {@code type}, {@code ip} (when known), {@code service_name},
 * {@code message}; for HTTP requests also {@code operation_id}, {@code operation_phase_id},
 * {@code request_id}, {@code status}, {@code request_length}. Extra: {@code logger},
 * {@code thread}, {@code duration_ms}, {@code error} (stack trace).
 *
 * <p>Request fields come from the MDC set by {@link RequestLogFilter}.
 */
public class LiniaLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    /** MDC keys written as JSON numbers. */
    private static final Set<String> NUMBERS = Set.of("status", "request_length", "duration_ms");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String serviceName;

    public LiniaLogFormatter(Environment environment) {
        this(environment.getProperty("spring.application.name", "linia"));
    }

    LiniaLogFormatter(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public String format(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
        line.put("level", event.getLevel().toString());
        line.put("type", mdc.getOrDefault("type", "app"));
        if (mdc.containsKey("ip")) {
            line.put("ip", mdc.get("ip"));
        }
        line.put("service_name", serviceName);
        line.put("message", event.getFormattedMessage());
        for (String key : new String[] {"operation_id", "operation_phase_id", "request_id"}) {
            if (mdc.containsKey(key)) {
                line.put(key, mdc.get(key));
            }
        }
        for (String key : NUMBERS) {
            String value = mdc.get(key);
            if (value != null) {
                try {
                    line.put(key, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    line.put(key, value);
                }
            }
        }
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", ThrowableProxyUtil.asString(error));
        }
        return JSON.writeValueAsString(line) + "\n";
    }
}
