package io.linia.platform;

import org.springframework.http.HttpStatus;

/** Well-formed input that breaks a rule (weak password, malformed CIDR …): HTTP 422. */
public class InvalidInputException extends LiniaException {

    public InvalidInputException(String code, String field, String message) {
        super(code, field, message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }
}
