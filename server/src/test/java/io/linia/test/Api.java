package io.linia.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests against the running server on its random port:
 * real requests through every filter, no mock MVC.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status, parsed JSON body (or null), raw body and headers. */
    public record Response(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem body's {@code code}. */
        public String code() {
            return json == null || json.get("code") == null ? null : json.get("code").asString();
        }

        /** The problem body's {@code field}. */
        public String field() {
            return json == null || json.get("field") == null ? null : json.get("field").asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final Map<String, String> extraHeaders;

    public Api(int port) {
        this("http://localhost:" + port, null, Map.of());
    }

    private Api(String base, String token, Map<String, String> extraHeaders) {
        this.base = base;
        this.token = token;
        this.extraHeaders = extraHeaders;
    }

    /** The same client, sending {@code Authorization: Bearer token}. */
    public Api as(String bearerToken) {
        return new Api(base, bearerToken, extraHeaders);
    }

    public Api withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(extraHeaders);
        h.put(name, value);
        return new Api(base, token, Map.copyOf(h));
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** A file from a GET (exports): the status and the raw bytes. */
    public record Download(int status, byte[] bytes, java.net.http.HttpHeaders headers) {
    }

    public Download download(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        extraHeaders.forEach(b::header);
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code bytes} as the request body with its own content type (an upload). */
    public Response upload(String path, String contentType, byte[] bytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        extraHeaders.forEach(b::header);
        return exchange(b);
    }

    /** {@code body}: a String is sent as it is (for malformed JSON tests), anything else as JSON. */
    public Response send(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        extraHeaders.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return exchange(b);
    }

    private Response exchange(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), json, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
