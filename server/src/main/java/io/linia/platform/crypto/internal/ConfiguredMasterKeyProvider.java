package io.linia.platform.crypto.internal;

import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyException;
import io.linia.platform.crypto.MasterKeyProvider;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key from {@code linia.crypto.*} ({@link CryptoProperties}): inline
 * ({@code LINIA_MASTER_KEY}), from a file, or — only when nothing is configured and
 * production mode is off — generated once into {@code generated-master-key-file}.
 * Everything is resolved at construction, so a bad setting stops the start.
 */
public final class ConfiguredMasterKeyProvider implements MasterKeyProvider {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredMasterKeyProvider.class);

    static final String INLINE = "linia.crypto.master-key (LINIA_MASTER_KEY)";
    static final String FILE = "linia.crypto.master-key-file (LINIA_MASTER_KEY_FILE)";
    static final String PREVIOUS_INLINE = "linia.crypto.previous-master-key (LINIA_PREVIOUS_MASTER_KEY)";
    static final String PREVIOUS_FILE = "linia.crypto.previous-master-key-file (LINIA_PREVIOUS_MASTER_KEY_FILE)";

    private final MasterKey current;
    private final List<MasterKey> previous;

    public ConfiguredMasterKeyProvider(CryptoProperties props) {
        this(props, new SecureRandom());
    }

    ConfiguredMasterKeyProvider(CryptoProperties props, SecureRandom random) {
        MasterKey configured = configured(props.masterKey(), props.masterKeyFile(), INLINE, FILE);
        if (configured == null) {
            configured = generated(props, random);
        }
        this.current = configured;
        MasterKey old = configured(props.previousMasterKey(), props.previousMasterKeyFile(), PREVIOUS_INLINE, PREVIOUS_FILE);
        if (old != null && old.id().equals(current.id())) {
            log.warn("The previous master key ({}) is the same as the current one: ignored", old.origin());
            old = null;
        }
        this.previous = old == null ? List.of() : List.of(old);
        log.info("Master key {} from {}{}", current.id(), current.origin(),
                previous.isEmpty() ? "" : "; previous master key " + previous.get(0).id() + " (unwrap only, until re-wrapped)");
    }

    @Override
    public MasterKey current() {
        return current;
    }

    @Override
    public List<MasterKey> previous() {
        return previous;
    }

    private static MasterKey configured(String inline, String file, String inlineName, String fileName) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) {
            throw new MasterKeyException("Set only one of " + inlineName + " and " + fileName);
        }
        if (hasInline) {
            return MasterKeys.fromBase64(inline, inlineName);
        }
        return hasFile ? MasterKeys.fromFile(Path.of(file.strip()), fileName) : null;
    }

    private static MasterKey generated(CryptoProperties props, SecureRandom random) {
        if (props.requireConfiguredMasterKey()) {
            throw new MasterKeyException("No master key is configured and linia.crypto.require-configured-master-key "
                    + "(LINIA_REQUIRE_MASTER_KEY) is on: set " + FILE + " or " + INLINE
                    + " to base64 of 32 random bytes (openssl rand -base64 32)");
        }
        Path file = Path.of(props.generatedMasterKeyFile()).toAbsolutePath().normalize();
        if (MasterKeys.generateIfAbsent(file, random)) {
            log.warn("No master key configured: generated one at {} (permission 600). Keep a copy apart from the "
                    + "database backups: without it the encrypted data cannot be read. In production configure "
                    + "{} and set linia.crypto.require-configured-master-key=true.", file, FILE);
        } else if (MasterKeys.readableByOthers(file)) {
            log.warn("The generated master key {} is readable by other users: chmod 600 it", file);
        }
        return MasterKeys.fromFile(file, "linia.crypto.generated-master-key-file, generated");
    }
}
