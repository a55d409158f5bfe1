package io.linia.platform.crypto.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The master key and the data-key machinery (SEC-5; docs/encryption.md).
 *
 * <p>A master key is 32 random bytes written as base64 (44 characters), e.g. made with
 * {@code openssl rand -base64 32}. Give it either inline ({@code LINIA_MASTER_KEY}) or as a
 * file holding that text; not both.
 *
 * @param masterKey                   the master key, base64 of 32 bytes ({@code LINIA_MASTER_KEY}).
 *                                    Empty = use {@code masterKeyFile}.
 * @param masterKeyFile               a file holding the master key as base64 of 32 bytes
 *                                    ({@code LINIA_MASTER_KEY_FILE}); readable only by the
 *                                    service user. Empty = use {@code masterKey}.
 * @param previousMasterKey           the former master key, base64 ({@code LINIA_PREVIOUS_MASTER_KEY}),
 *                                    during a master key change only: used to unwrap keysets the
 *                                    re-wrap job has not moved yet, never to wrap. Remove it once
 *                                    the log says the re-wrap finished.
 * @param previousMasterKeyFile       the same as a file ({@code LINIA_PREVIOUS_MASTER_KEY_FILE}).
 * @param requireConfiguredMasterKey  production switch ({@code LINIA_REQUIRE_MASTER_KEY}): refuse to
 *                                    start unless a master key is configured. Off by default so a
 *                                    first run on a laptop just works; turn it on in production, where
 *                                    a generated key next to the database would defeat "kept separately".
 * @param generatedMasterKeyFile      with no master key configured and the switch off: where one is
 *                                    generated on first start (permission 600) and read on later
 *                                    starts. Default {@code ${LINIA_DATA_DIR:./data}/master.key}.
 * @param cacheSize                   how many tenants' unwrapped keysets are kept in memory (least
 *                                    recently used leave first); 1..1,000,000. A keyset is a few
 *                                    hundred bytes; 10,000 covers every tenant of a large installation.
 * @param cacheTtl                    how long an unwrapped keyset is used before it is read again, so a
 *                                    rotation made on another node reaches this one; this node's own
 *                                    rotations take effect at once.
 * @param rewrapInterval              how often the re-wrap job looks for keysets wrapped by a previous
 *                                    master key. It costs one indexed query when there are none.
 * @param rewrapInitialDelay          delay of the job's first run after start.
 */
@ConfigurationProperties("linia.crypto")
public record CryptoProperties(
        @DefaultValue("") String masterKey,
        @DefaultValue("") String masterKeyFile,
        @DefaultValue("") String previousMasterKey,
        @DefaultValue("") String previousMasterKeyFile,
        @DefaultValue("false") boolean requireConfiguredMasterKey,
        @DefaultValue("./data/master.key") String generatedMasterKeyFile,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("5m") Duration cacheTtl,
        @DefaultValue("1h") Duration rewrapInterval,
        @DefaultValue("1m") Duration rewrapInitialDelay) {

    public CryptoProperties {
        if (cacheSize < 1 || cacheSize > 1_000_000) {
            throw new IllegalArgumentException("linia.crypto.cache-size must be 1..1000000, was " + cacheSize);
        }
    }
}
