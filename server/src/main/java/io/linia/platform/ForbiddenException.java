package io.linia.platform;

import org.springframework.http.HttpStatus;

/** The caller is known but may not do this (HTTP 403). */
public class ForbiddenException extends LiniaException {

    public ForbiddenException(String code, String message) {
        super(code, null, message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.FORBIDDEN;
    }
}
