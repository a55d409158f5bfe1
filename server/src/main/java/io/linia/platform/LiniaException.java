package io.linia.platform;

import org.springframework.http.HttpStatus;

/**
 * Base of the domain exceptions. Each carries a stable machine-readable {@code code} and,
 * where the error is about one input, the offending {@code field}. The web edge maps them to
 * RFC 9457 problem details (STYLE.md habit 10).
 */
public abstract class LiniaException extends RuntimeException {

    private final String code;
    private final String field;

    protected LiniaException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /** The input field the error is about, or {@code null}. */
    public String field() {
        return field;
    }

    public abstract HttpStatus status();

    /** For HTTP 429 and 503: how long the caller should wait ({@code Retry-After}), or {@code null}. */
    public java.time.Duration retryAfter() {
        return null;
    }
}
