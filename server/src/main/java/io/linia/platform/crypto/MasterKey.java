package io.linia.platform.crypto;

import com.google.crypto.tink.Aead;
import java.util.Objects;

/**
 * A master key as the platform uses it.
 *
 * @param id     a stable, non-secret fingerprint stored next to every wrapped keyset, so the
 *               re-wrap job knows which rows still need it and errors can name it
 * @param aead   wraps and unwraps keysets
 * @param origin where it came from, for messages ("file /etc/linia/master.key", "LINIA_MASTER_KEY")
 */
public record MasterKey(String id, Aead aead, String origin) {

    public MasterKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + " from " + origin + "]";
    }
}
