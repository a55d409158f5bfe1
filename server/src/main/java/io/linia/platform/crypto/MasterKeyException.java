package io.linia.platform.crypto;

/**
 * The master key is missing, malformed or wrong. Thrown at start-up, so the application
 * refuses to start instead of writing data it could not read back; the message names the
 * setting to fix and never any key material.
 */
public class MasterKeyException extends IllegalStateException {

    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
