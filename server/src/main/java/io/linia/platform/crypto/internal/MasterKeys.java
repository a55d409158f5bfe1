package io.linia.platform.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import io.linia.platform.crypto.MasterKey;
import io.linia.platform.crypto.MasterKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys from their text form: base64 of 32 random bytes, inline or in a file
 * (docs/encryption.md "Master key"). The key becomes an AES-256-GCM {@link Aead}; its id is
 * {@code mk-} + the first 8 bytes of HMAC-SHA256(key, "linia master key id"), which names the
 * key without revealing it.
 */
final class MasterKeys {

    static final int KEY_BYTES = 32;
    private static final String HOW_TO_MAKE = "Make one with: openssl rand -base64 32";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKeys() {
    }

    /** Parses base64 text; {@code origin} names the setting in error messages and logs. */
    static MasterKey fromBase64(String text, String origin) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("The master key from " + origin + " is not valid base64. " + HOW_TO_MAKE);
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new MasterKeyException("The master key from " + origin + " must be base64 of " + KEY_BYTES
                        + " bytes, but it has " + raw.length + " bytes. " + HOW_TO_MAKE);
            }
            return new MasterKey(fingerprint(raw), aead(raw), origin);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Reads a key file; {@code setting} names the property that pointed at it. */
    static MasterKey fromFile(Path file, String setting) {
        String origin = "file " + file.toAbsolutePath().normalize() + " (" + setting + ")";
        if (!Files.isRegularFile(file)) {
            throw new MasterKeyException("The master key file " + file.toAbsolutePath().normalize()
                    + " named by " + setting + " does not exist or is not a file");
        }
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), origin);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read the master key file named by " + setting + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new random key to {@code file} with permission 600, unless it exists.
     *
     * @return whether a new key was written
     */
    static boolean generateIfAbsent(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            return false;
        }
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            createOwnerOnly(file);
            Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (IOException e) {
            throw new MasterKeyException("Cannot write a generated master key to " + file.toAbsolutePath().normalize()
                    + " (linia.crypto.generated-master-key-file): " + e.getMessage(), e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Whether anyone but the owner may read the file (false where POSIX permissions do not exist). */
    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static Aead aead(byte[] raw) {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            return AesGcmJce.create(AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build());
        } catch (GeneralSecurityException e) {
            throw new MasterKeyException("Cannot use the master key: " + e.getMessage(), e);
        }
    }

    static String fingerprint(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] tag = mac.doFinal("linia master key id".getBytes(StandardCharsets.US_ASCII));
            return "mk-" + HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
