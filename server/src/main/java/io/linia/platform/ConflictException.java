package io.linia.platform;

import org.springframework.http.HttpStatus;

/** The change clashes with existing state, e.g. a duplicate login (HTTP 409). */
public class ConflictException extends LiniaException {

    public ConflictException(String code, String field, String message) {
        super(code, field, message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }
}
