package io.linia.platform;

import org.springframework.http.HttpStatus;

/** The object does not exist for this tenant (another tenant's object is "not found" too, ID-1). */
public class NotFoundException extends LiniaException {

    public NotFoundException(String resource, Object id) {
        super("not_found", null, resource + " " + id + " not found");
    }

    /** With a message of its own, e.g. the routing engine's. */
    public NotFoundException(String message) {
        super("not_found", null, message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }
}
