package io.linia.acd.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * IVR data dips (ACD-8): {@code GET url?caller=…&callId=…} to a tenant's service, never on the
 * tenant's engine thread. The answer's JSON field comes back through {@code then}:
 * {@code Optional.of(Optional.of(value))} for a value, {@code Optional.of(Optional.empty())}
 * when the field is absent, {@code Optional.empty()} when the call failed or timed out.
 */
@Component
class DataDips {

    private static final Logger log = LoggerFactory.getLogger(DataDips.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;

    DataDips(ObjectMapper json) {
        this.json = json;
    }

    void fetch(String url, String caller, String callId, int timeoutMs, String field,
               Consumer<Optional<Optional<String>>> then) {
        String full = url + (url.contains("?") ? "&" : "?") + "caller=" + encode(caller) + "&callId=" + encode(callId);
        HttpRequest request = HttpRequest.newBuilder(URI.create(full)).timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", "application/json").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            Optional<Optional<String>> result;
            if (error != null || response.statusCode() / 100 != 2) {
                log.info("IVR data dip to {} failed: {}", url, error != null ? error.getMessage() : "HTTP " + response.statusCode());
                result = Optional.empty();
            } else {
                try {
                    JsonNode v = json.readTree(response.body()).get(field);
                    result = Optional.of(v == null || v.isNull() ? Optional.empty() : Optional.of(v.asString()));
                } catch (RuntimeException e) {
                    log.info("IVR data dip to {} answered no JSON object: {}", url, e.getMessage());
                    result = Optional.empty();
                }
            }
            then.accept(result);
        });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
