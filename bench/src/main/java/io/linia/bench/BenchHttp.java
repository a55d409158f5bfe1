package io.linia.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The load tools' way to talk to a Linia node over its REST API: JSON in and out, bearer tokens. */
final class BenchHttp {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(lin_[^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    BenchHttp(String base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** Sends a request (a JSON body or none) and returns the body, failing on any other status than expected. */
    String send(String method, String path, String token, String json, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loading a large data set does not need a quiet machine, measuring does: when the environment
     * names a file in {@code BENCH_GO}, a bench that has written its data waits here until that file
     * exists (e.g. {@code touch /tmp/go} once the machine is quiet), then measures.
     */
    static void awaitGo() throws InterruptedException {
        String go = System.getenv("BENCH_GO");
        if (go == null || go.isBlank()) {
            return;
        }
        System.out.printf("data loaded; measuring once %s exists%n", go);
        while (!java.nio.file.Files.exists(java.nio.file.Path.of(go))) {
            Thread.sleep(1000);
        }
    }

    /** Signs in and returns the bearer token. */
    String token(String tenant, String login, String password) {
        String body = send("POST", "/api/v1/auth/token", null, "{\"tenant\":\"" + tenant + "\",\"login\":\"" + login
                + "\",\"password\":\"" + password + "\"}", 200);
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token: " + body);
        }
        return m.group(1);
    }

    /** The first id in a JSON body. */
    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id: " + body);
        }
        return m.group(1);
    }

    /** A new tenant's id and its administrator's token. */
    /** A tenant made for a run: its id, its administrator's token and password (to sign in again after a long load). */
    record Tenant(String id, String adminToken, String adminPassword) {
    }

    /**
     * Creates a tenant with its first administrator as the provider, signs in and makes the
     * required first password change.
     */
    Tenant newTenant(String providerToken, String code, String timeZone) {
        String password = "Bench-Pass-" + System.nanoTime();
        String created = send("POST", "/api/v1/tenants", providerToken, "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"timeZone\":\""
                + timeZone + "\",\"admin\":{\"login\":\"admin\",\"fullName\":\"Admin\",\"password\":\"" + password + "\"}}", 201);
        return new Tenant(id(created), passwordChanged(code, "admin", password), password + "x");
    }

    /** Signs a user in with a one-time password, changes it, and returns the token of the new one. */
    String passwordChanged(String tenant, String login, String password) {
        String first = token(tenant, login, password);
        send("POST", "/api/v1/auth/password", first, "{\"currentPassword\":\"" + password + "\",\"newPassword\":\""
                + password + "x\"}", 204);
        return token(tenant, login, password + "x");
    }
}
