package io.linia.platform.crypto.internal;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Registers Tink's AEAD and StreamingAead key types once per JVM, before any keyset is made or parsed. */
final class TinkSetup {

    static {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkSetup() {
    }

    /** Calling it runs the registration above (idempotent). */
    static void init() {
        // the static initializer does the work
    }
}
