package io.linia.asterisk.ari;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection to Asterisk's REST Interface (TEL-2): the REST calls over HTTP/1.1 with basic
 * authentication, and the event WebSocket of one Stasis application ({@code /ari/events?app=…}),
 * whose JSON events arrive in order on {@code events}. {@link #connect} checks the way an
 * administrator would: {@code GET /asterisk/info} (reachable, ARI, credentials), the event
 * socket, then {@code GET /applications/{app}} (the application is registered).
 */
public final class AriClient implements AutoCloseable {

    /** Where ARI is: {@code url} is the HTTP base of the server, e.g. {@code http://pbx:8088} (the {@code /ari} path is added). */
    public record Settings(String url, String username, String password, String app, Duration timeout) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Settings settings;
    private final URI base;
    private final HttpClient http;
    private final String authorization;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile JsonNode info;

    private AriClient(Settings settings) throws AriException {
        this.settings = settings;
        String url = settings.url().endsWith("/") ? settings.url().substring(0, settings.url().length() - 1) : settings.url();
        try {
            this.base = URI.create(url + "/ari");
            if (base.getHost() == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new AriException(AriException.Kind.PROTOCOL, "Not an ARI URL: " + settings.url()
                    + " (expected http://host:8088)");
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Connects: checks ARI and the credentials, opens the application's event socket (events go
     * to {@code events} one at a time, in order) and checks the application is registered.
     * {@code lost} is told once when the event socket closes or fails afterwards.
     */
    public static AriClient connect(Settings settings, Consumer<JsonNode> events, Consumer<AriException> lost)
            throws AriException {
        AriClient c = new AriClient(settings);
        try {
            c.info = c.get("/asterisk/info");
            if (c.info == null || !c.info.has("system")) {
                throw new AriException(AriException.Kind.PROTOCOL, "The server answers, but not as Asterisk's ARI");
            }
            c.open(events, lost);
            try {
                c.get("/applications/" + encode(settings.app()));
            } catch (AriException e) {
                if (e.status() == 404) {
                    throw new AriException(AriException.Kind.APPLICATION, "The Stasis application '" + settings.app()
                            + "' is not registered on Asterisk", 404, e);
                }
                throw e;
            }
            return c;
        } catch (AriException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** What {@code GET /asterisk/info} said at connect (the Asterisk version is under {@code system.version}). */
    public JsonNode info() {
        return info;
    }

    public Settings settings() {
        return settings;
    }

    public boolean isOpen() {
        return !closed && socket != null && !socket.isInputClosed();
    }

    private void open(Consumer<JsonNode> events, Consumer<AriException> lost) throws AriException {
        URI ws = URI.create((base.getScheme().equals("https") ? "wss" : "ws") + "://" + base.getRawAuthority()
                + base.getRawPath() + "/events?app=" + encode(settings.app()) + "&subscribeAll=false");
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private boolean told;

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    try {
                        events.accept(JSON.readTree(message));
                    } catch (JacksonException e) {
                        // a frame that is no JSON is Asterisk's bug, not a reason to drop the calls
                        org.slf4j.LoggerFactory.getLogger(AriClient.class).warn("ARI sent an event that is no JSON: {}",
                                message.length() > 200 ? message.substring(0, 200) : message);
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(AriClient.class).error("An ARI event could not be handled", e);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                tell(new AriException(AriException.Kind.DISCONNECTED, "Asterisk closed the event socket (" + statusCode
                        + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")"));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                tell(new AriException(AriException.Kind.DISCONNECTED, "The event socket failed: " + error.getMessage(), 0,
                        error));
            }

            private synchronized void tell(AriException why) {
                if (!told && !closed) {
                    told = true;
                    closed = true;
                    if (lost != null) {
                        lost.accept(why);
                    }
                }
            }
        };
        try {
            socket = http.newWebSocketBuilder().header("Authorization", authorization)
                    .connectTimeout(settings.timeout()).buildAsync(ws, listener)
                    .get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), "event socket");
        } catch (TimeoutException e) {
            throw new AriException(AriException.Kind.TIMEOUT, "The event socket did not open in " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AriException(AriException.Kind.DISCONNECTED, "Interrupted");
        }
    }

    public JsonNode get(String path) throws AriException {
        return send("GET", path, Map.of());
    }

    public JsonNode post(String path, Map<String, String> query) throws AriException {
        return send("POST", path, query);
    }

    public JsonNode delete(String path, Map<String, String> query) throws AriException {
        return send("DELETE", path, query);
    }

    /** Fetches a binary resource (a stored recording's file); the caller closes the stream. */
    public java.io.InputStream download(String path) throws AriException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization).GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failure(e, "GET " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AriException(AriException.Kind.DISCONNECTED, "Interrupted");
        }
        if (response.statusCode() != 200) {
            try (java.io.InputStream body = response.body()) {
                body.readAllBytes();
            } catch (IOException e) {
                // the status says enough
            }
            throw new AriException(response.statusCode() == 401 ? AriException.Kind.AUTH : AriException.Kind.REFUSED_ACTION,
                    "GET " + path + ": " + response.statusCode(), response.statusCode(), null);
        }
        return response.body();
    }

    /** Sends a request; the answer's JSON, or null for 204. Parameters go in the query string, as ARI takes them. */
    public JsonNode send(String method, String path, Map<String, String> query) throws AriException {
        StringBuilder uri = new StringBuilder(base.toString()).append(path);
        char sep = path.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : new LinkedHashMap<>(query).entrySet()) {
            if (p.getValue() != null) {
                uri.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
                sep = '&';
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(settings.timeout())
                .header("Authorization", authorization).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure(e, method + " " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AriException(AriException.Kind.DISCONNECTED, "Interrupted");
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new AriException(AriException.Kind.AUTH, "Asterisk refused the ARI user or password (401)", 401, null);
        }
        String body = response.body();
        if (status >= 300) {
            String message = body;
            try {
                JsonNode n = JSON.readTree(body);
                if (n.has("message")) {
                    message = n.get("message").asString();
                } else if (n.has("error")) {
                    message = n.get("error").asString();
                }
            } catch (JacksonException | IllegalArgumentException e) {
                // not JSON: the body as it is
            }
            throw new AriException(AriException.Kind.REFUSED_ACTION, method + " " + path + ": " + status + " " + message,
                    status, null);
        }
        if (body == null || body.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new AriException(AriException.Kind.PROTOCOL, method + " " + path + " answered something that is no JSON",
                    status, e);
        }
    }

    private AriException failure(Throwable e, String what) {
        // the outermost exception is often a ConnectException whose cause says more (no such host)
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                root = t;
                break;
            }
            if (root == e && (t instanceof HttpTimeoutException || t instanceof ConnectException)) {
                root = t;
            }
        }
        String host = base.getHost() + ":" + (base.getPort() < 0 ? 80 : base.getPort());
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return new AriException(AriException.Kind.DNS, "The host name " + base.getHost() + " does not resolve", 0, e);
        }
        if (e instanceof HttpConnectTimeoutException || root instanceof HttpConnectTimeoutException) {
            return new AriException(AriException.Kind.TIMEOUT, "No answer from " + host + " in "
                    + settings.timeout().toSeconds() + " s", 0, e);
        }
        if (e instanceof HttpTimeoutException || root instanceof HttpTimeoutException) {
            return new AriException(AriException.Kind.TIMEOUT, what + ": no answer in " + settings.timeout().toSeconds() + " s", 0, e);
        }
        if (root instanceof ConnectException) {
            return new AriException(AriException.Kind.REFUSED, "Nothing accepts connections on " + host
                    + " (is the HTTP server of Asterisk enabled, http.conf?)", 0, e);
        }
        if (e instanceof java.net.http.WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 401) {
                return new AriException(AriException.Kind.AUTH, "Asterisk refused the ARI user or password (401)", 401, e);
            }
            return new AriException(AriException.Kind.APPLICATION, "Asterisk refused the event socket of application '"
                    + settings.app() + "' (" + status + ")", status, e);
        }
        return new AriException(AriException.Kind.PROTOCOL, what + " failed: " + e.getMessage(), 0, e);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        closed = true;
        WebSocket s = socket;
        if (s != null) {
            try {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // closing anyway
            }
            s.abort();
        }
    }
}
