package io.linia.asterisk.ami;

/**
 * Why talking to an AMI failed, precisely enough for an administrator to fix it (TEL-7): the
 * name does not resolve, nothing listens, the peer is no AMI, the login was refused, an
 * action was refused (a missing permission or module), or the connection went away.
 */
public class AmiException extends Exception {

    public enum Kind {
        /** The host name does not resolve. */
        DNS,
        /** Nothing accepts connections on that host and port. */
        REFUSED,
        /** No answer in time (a firewall that drops, or a wrong address). */
        TIMEOUT,
        /** The peer does not speak AMI. */
        PROTOCOL,
        /** Wrong user name or secret, or the user may not connect from here. */
        AUTH,
        /** Asterisk refused an action: the user lacks the permission, or a module is not loaded. */
        REFUSED_ACTION,
        /** The connection was lost. */
        DISCONNECTED
    }

    private final Kind kind;

    public AmiException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AmiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
