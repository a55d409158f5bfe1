package io.linia.identity;

import io.linia.platform.LiniaException;
import org.springframework.http.HttpStatus;

/**
 * A sign-in that did not succeed. The {@code reason} goes to the audit log as it is; the
 * caller is told only {@link #publicCode()}, so a guesser cannot tell a wrong login from a
 * wrong password or an unknown tenant.
 */
public class LoginFailedException extends LiniaException {

    /** Why, precisely (audit only). */
    public enum Reason {
        UNKNOWN_TENANT, TENANT_SUSPENDED, UNKNOWN_USER, WRONG_PASSWORD, LOCKED, BLOCKED, DISABLED, IP_NOT_ALLOWED, RATE_LIMITED
    }

    private final Reason reason;
    private final java.time.Duration retryAfter;

    public LoginFailedException(Reason reason) {
        this(reason, null);
    }

    public LoginFailedException(Reason reason, java.time.Duration retryAfter) {
        super(publicCodeOf(reason), null, messageOf(reason));
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    @Override
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public String publicCode() {
        return code();
    }

    private static String publicCodeOf(Reason reason) {
        return switch (reason) {
            case LOCKED -> "account_locked";
            case BLOCKED, DISABLED -> "account_disabled";
            case IP_NOT_ALLOWED -> "ip_not_allowed";
            case RATE_LIMITED -> "too_many_attempts";
            default -> "bad_credentials";
        };
    }

    private static String messageOf(Reason reason) {
        return switch (reason) {
            case LOCKED -> "The account is locked after too many failed sign-ins; try later or ask an administrator";
            case BLOCKED, DISABLED -> "The account is disabled; ask an administrator";
            case IP_NOT_ALLOWED -> "Sign-in from this address is not allowed for this tenant";
            case RATE_LIMITED -> "Too many sign-in attempts; wait and try again";
            default -> "Wrong tenant, login or password";
        };
    }

    @Override
    public HttpStatus status() {
        return switch (reason) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case IP_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.UNAUTHORIZED;
        };
    }
}
