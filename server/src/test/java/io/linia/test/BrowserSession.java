package io.linia.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client: keeps cookies and signs in through the login form with its
 * CSRF token, as a person's browser does. For tests of sessions (not of pages: those run in
 * Chromium).
 */
public final class BrowserSession {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String base;

    private BrowserSession(String base) {
        this.base = base;
    }

    /** Signs in through {@code POST /login} and asserts that it worked. */
    public static BrowserSession signIn(Api api, String tenant, String login, String password) {
        BrowserSession session = new BrowserSession(api.base());
        String form = "tenant=" + tenant + "&username=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + session.token("/login", FORM_CSRF);
        HttpResponse<String> r = session.send(HttpRequest.newBuilder(URI.create(api.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
    }

    /** The CSRF token a signed-in page carries for this session (pages put it in a meta tag for htmx). */
    public String csrfToken() {
        return token("/", META_CSRF);
    }

    private String token(String page, Pattern pattern) {
        Matcher csrf = pattern.matcher(get(page).body());
        assertThat(csrf.find()).as(page + " carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A JSON POST with the session cookie, and with the CSRF header when {@code csrf} is not null. */
    public HttpResponse<String> postJson(String path, String json, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
