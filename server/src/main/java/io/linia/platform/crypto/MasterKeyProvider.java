package io.linia.platform.crypto;

import java.util.List;

/**
 * Where the master key comes from (SEC-5: "kept separately"). The master key only wraps and
 * unwraps tenant keysets; it never encrypts tenant data itself.
 *
 * <p>The built-in provider reads a file or the environment (docs/encryption.md); an external
 * key service (Vault, a cloud KMS) plugs in as another bean of this type whose
 * {@link MasterKey#aead()} calls the service.
 */
public interface MasterKeyProvider {

    /** The key that wraps keysets now. Asked for often: implementations keep it in memory. */
    MasterKey current();

    /**
     * Former master keys, used only to unwrap keysets not yet re-wrapped after a master key
     * change; never to wrap. Empty when no change is under way.
     */
    List<MasterKey> previous();
}
