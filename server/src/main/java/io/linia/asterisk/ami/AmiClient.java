package io.linia.asterisk.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One logged-in AMI connection (TEL-3): actions out with an ActionID each, their responses (and
 * the events of list actions such as QueueStatus) matched back by it, every other event handed
 * to a listener in the order Asterisk sent them, on one reader thread. When the connection
 * ends, waiting actions fail and {@code onClose} is told why; {@link AmiSession} reconnects.
 */
public final class AmiClient implements AutoCloseable {

    /** Where and as whom to connect; {@code secret} is never logged. */
    public record Settings(String host, int port, String username, String secret, Duration connectTimeout,
                           Duration actionTimeout) {

        public Settings {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            actionTimeout = actionTimeout == null ? Duration.ofSeconds(10) : actionTimeout;
        }
    }

    private static final AtomicLong CLIENTS = new AtomicLong();

    private final Settings settings;
    private final Socket socket;
    private final OutputStream out;
    private final String prefix = "linia-" + CLIENTS.incrementAndGet() + "-";
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<AmiMessage>> responses = new ConcurrentHashMap<>();
    private final Map<String, ListCall> lists = new ConcurrentHashMap<>();
    private final Consumer<AmiMessage> events;
    private final Consumer<AmiException> onClose;
    private final CompletableFuture<String> banner = new CompletableFuture<>();
    private volatile boolean closing;

    private record ListCall(List<AmiMessage> items, CompletableFuture<List<AmiMessage>> done) {
    }

    private AmiClient(Settings settings, Socket socket, Consumer<AmiMessage> events, Consumer<AmiException> onClose)
            throws IOException {
        this.settings = settings;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.events = events;
        this.onClose = onClose;
    }

    /**
     * Connects and logs in; events go to {@code events} from then on. Fails with the precise
     * {@link AmiException.Kind}: DNS, REFUSED, TIMEOUT, PROTOCOL (no AMI banner) or AUTH.
     */
    public static AmiClient connect(Settings settings, Consumer<AmiMessage> events, Consumer<AmiException> onClose)
            throws AmiException {
        Socket socket = new Socket();
        String where = settings.host() + ":" + settings.port();
        try {
            InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
            if (address.isUnresolved()) {
                throw new AmiException(AmiException.Kind.DNS, "The host name " + settings.host() + " does not resolve");
            }
            socket.connect(address, (int) settings.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
        } catch (UnknownHostException e) {
            close(socket);
            throw new AmiException(AmiException.Kind.DNS, "The host name " + settings.host() + " does not resolve", e);
        } catch (ConnectException e) {
            close(socket);
            throw new AmiException(AmiException.Kind.REFUSED, "Nothing accepts connections on " + where
                    + " (is Asterisk running, is AMI enabled in manager.conf, bindaddr and port?)", e);
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new AmiException(AmiException.Kind.TIMEOUT, "No answer from " + where + " in "
                    + settings.connectTimeout().toSeconds() + " s (a firewall, or a wrong address)", e);
        } catch (IOException e) {
            close(socket);
            throw new AmiException(AmiException.Kind.REFUSED, "Could not connect to " + where + ": " + e.getMessage(), e);
        }
        AmiClient client;
        try {
            client = new AmiClient(settings, socket, events, onClose);
        } catch (IOException e) {
            close(socket);
            throw new AmiException(AmiException.Kind.DISCONNECTED, "The connection to " + where + " failed", e);
        }
        Thread reader = new Thread(client::read, "ami-" + where);
        reader.setDaemon(true);
        reader.start();
        try {
            String line = client.banner.get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!line.startsWith("Asterisk Call Manager/")) {
                throw new AmiException(AmiException.Kind.PROTOCOL, where + " is not an Asterisk manager interface (it said '"
                        + (line.length() > 60 ? line.substring(0, 60) : line) + "')");
            }
        } catch (TimeoutException e) {
            client.closeQuietly();
            throw new AmiException(AmiException.Kind.PROTOCOL, where + " accepted the connection but sent no AMI banner");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.closeQuietly();
            throw new AmiException(AmiException.Kind.DISCONNECTED, "interrupted", e);
        } catch (ExecutionException e) {
            client.closeQuietly();
            throw new AmiException(AmiException.Kind.DISCONNECTED, where + " closed the connection before its banner");
        } catch (AmiException e) {
            client.closeQuietly();
            throw e;
        }
        try {
            AmiMessage login = client.call(AmiMessage.action("Login", "Username", settings.username(), "Secret",
                    settings.secret(), "Events", "on"));
            if (!login.isSuccess()) {
                client.closeQuietly();
                throw new AmiException(AmiException.Kind.AUTH, "Asterisk refused the login of " + settings.username()
                        + " (" + login.get("Message") + "): check the user and secret in manager.conf and its permit/deny");
            }
        } catch (AmiException e) {
            client.closeQuietly();
            if (e.kind() == AmiException.Kind.DISCONNECTED) {
                // Asterisk drops the connection of a login it refuses after too many tries
                throw new AmiException(AmiException.Kind.AUTH, "Asterisk closed the connection at the login of "
                        + settings.username() + ": check the user and secret in manager.conf", e);
            }
            throw e;
        }
        return client;
    }

    /**
     * Sends an action and waits for its response ({@code Response: Error} is returned, not
     * thrown: see {@link #require}). Throws TIMEOUT when Asterisk does not answer in time.
     */
    public AmiMessage call(AmiMessage action) throws AmiException {
        return await(send(action), action);
    }

    /** Like {@link #call}, but an error response throws REFUSED_ACTION with Asterisk's message. */
    public AmiMessage require(AmiMessage action) throws AmiException {
        AmiMessage r = call(action);
        if (!r.isSuccess()) {
            throw refused(action, r);
        }
        return r;
    }

    /** An action answered by a list of events (QueueStatus, QueueSummary …), ended by {@code EventList: Complete}. */
    public List<AmiMessage> list(AmiMessage action) throws AmiException {
        String id = nextId();
        ListCall call = new ListCall(new ArrayList<>(), new CompletableFuture<>());
        lists.put(id, call);
        AmiMessage r = await(send(action.with("ActionID", id), id), action);
        if (!r.isSuccess()) {
            lists.remove(id);
            throw refused(action, r);
        }
        return await(call.done(), action);
    }

    /** Sends an action; the future completes with its response. */
    public CompletableFuture<AmiMessage> send(AmiMessage action) {
        String id = action.actionId() != null ? action.actionId() : nextId();
        return send(action.with("ActionID", id), id);
    }

    private CompletableFuture<AmiMessage> send(AmiMessage action, String id) {
        CompletableFuture<AmiMessage> f = new CompletableFuture<>();
        responses.put(id, f);
        try {
            synchronized (out) {
                out.write(action.encode());
                out.flush();
            }
        } catch (IOException e) {
            responses.remove(id);
            f.completeExceptionally(new AmiException(AmiException.Kind.DISCONNECTED, "The connection is lost", e));
        }
        return f;
    }

    private String nextId() {
        return prefix + ids.incrementAndGet();
    }

    private <T> T await(CompletableFuture<T> f, AmiMessage action) throws AmiException {
        try {
            return f.get(settings.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AmiException(AmiException.Kind.TIMEOUT, "Asterisk did not answer " + action.get("Action") + " in "
                    + settings.actionTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmiException(AmiException.Kind.DISCONNECTED, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AmiException a) {
                throw a;
            }
            throw new AmiException(AmiException.Kind.DISCONNECTED, "The connection is lost", e.getCause());
        }
    }

    private static AmiException refused(AmiMessage action, AmiMessage response) {
        String message = response.get("Message");
        String hint = message != null && message.toLowerCase(java.util.Locale.ROOT).contains("permission")
                ? ": give the manager user the class this action needs (read/write in manager.conf)"
                : message != null && message.toLowerCase(java.util.Locale.ROOT).contains("invalid/unknown command")
                ? ": the Asterisk module behind it is not loaded (app_queue for queue actions)" : "";
        return new AmiException(AmiException.Kind.REFUSED_ACTION, "Asterisk refused " + action.get("Action") + " ("
                + message + ")" + hint);
    }

    // ------------------------------------------------------------------ reading

    private void read() {
        AmiDecoder decoder = new AmiDecoder(banner::complete, this::dispatch);
        AmiException why;
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                decoder.feed(buf, 0, n);
            }
            why = new AmiException(AmiException.Kind.DISCONNECTED, "Asterisk closed the connection");
        } catch (AmiException e) {
            why = e;
        } catch (IOException e) {
            why = new AmiException(AmiException.Kind.DISCONNECTED, "The connection is lost: " + e.getMessage(), e);
        }
        close(socket);
        banner.completeExceptionally(why);
        for (CompletableFuture<AmiMessage> f : responses.values()) {
            f.completeExceptionally(why);
        }
        for (ListCall l : lists.values()) {
            l.done().completeExceptionally(why);
        }
        responses.clear();
        lists.clear();
        if (!closing && onClose != null) {
            onClose.accept(why);
        }
    }

    private void dispatch(AmiMessage m) {
        String id = m.actionId();
        if (m.get("Response") != null && id != null) {
            CompletableFuture<AmiMessage> f = responses.remove(id);
            if (f != null) {
                f.complete(m);
                return;
            }
        }
        if (m.event() != null && id != null) {
            ListCall l = lists.get(id);
            if (l != null) {
                if ("Complete".equalsIgnoreCase(m.get("EventList"))) {
                    lists.remove(id);
                    l.done().complete(List.copyOf(l.items()));
                } else {
                    l.items().add(m);
                }
                return;
            }
        }
        if (m.event() != null && events != null) {
            events.accept(m);
        }
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    /** Logs off (if it can within a second) and closes. */
    @Override
    public void close() {
        closing = true;
        try {
            send(AmiMessage.action("Logoff")).get(1, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        close(socket);
    }

    private void closeQuietly() {
        closing = true;
        close(socket);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
