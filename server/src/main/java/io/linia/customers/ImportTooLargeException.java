package io.linia.customers;

import io.linia.platform.LiniaException;
import org.springframework.http.HttpStatus;

/** An uploaded file over the import size limit: HTTP 413, naming {@code file}. */
public class ImportTooLargeException extends LiniaException {

    public ImportTooLargeException(long limit) {
        super("too_large", "file", "An import file may have at most " + limit + " bytes; split it");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }
}
