package io.linia.asterisk.ari;

/**
 * Why talking to ARI failed, precisely enough for an administrator to fix it (TEL-7): the name
 * does not resolve, nothing listens, no answer, the peer is no ARI, the user or password is
 * wrong, the Stasis application could not be registered, a request was refused, or the
 * event connection went away.
 */
public class AriException extends Exception {

    public enum Kind {
        /** The host name does not resolve. */
        DNS,
        /** Nothing accepts connections on that host and port. */
        REFUSED,
        /** No answer in time. */
        TIMEOUT,
        /** Something answers, but not ARI (no res_ari, a wrong path, not HTTP). */
        PROTOCOL,
        /** 401: wrong user or password (ari.conf). */
        AUTH,
        /** The Stasis application is not registered (wrong app name, or the event socket was refused). */
        APPLICATION,
        /** Asterisk refused a request (4xx/5xx): a missing module, an unknown channel, a bad argument. */
        REFUSED_ACTION,
        /** The event connection was lost. */
        DISCONNECTED
    }

    private final Kind kind;
    private final int status;

    public AriException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public AriException(Kind kind, String message, int status, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a refused request, 0 otherwise. */
    public int status() {
        return status;
    }
}
