package io.linia.kb;

import io.linia.platform.LiniaException;
import org.springframework.http.HttpStatus;

/** An upload over the attachment size limit: HTTP 413 {@code too_large}, nothing stored. */
public class AttachmentTooLargeException extends LiniaException {

    public AttachmentTooLargeException(long limit) {
        super("too_large", "file", "An attachment may have at most " + limit + " bytes");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }
}
