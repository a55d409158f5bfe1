package io.linia.platform.crypto;

import io.linia.platform.LiniaException;
import org.springframework.http.HttpStatus;

/**
 * A ciphertext could not be decrypted: it was changed, belongs to another tenant or record
 * (other associated data), or was made with a key this tenant does not have. Retrying does
 * not help. The message names no key material; the cause is Tink's exception.
 */
public class DecryptionFailedException extends LiniaException {

    public static final String CODE = "decryption_failed";

    public DecryptionFailedException(String message, Throwable cause) {
        super(CODE, null, message);
        initCause(cause);
    }

    /** Stored data that does not decrypt is a fault of the server side, not of the request. */
    @Override
    public HttpStatus status() {
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
