/**
 * Per-tenant data encryption (SEC-5) and the tenant's switch for storing confidential data
 * at all (SEC-6). Every module that keeps recordings, transcripts, e-mail bodies or fields
 * marked confidential encrypts them through {@link io.linia.platform.crypto.TenantCrypto}.
 *
 * <p>Envelope encryption with Google Tink: each tenant has its own data keysets, stored in
 * PostgreSQL wrapped by a platform master key that lives elsewhere (a file, the environment,
 * later an external key service, see {@link io.linia.platform.crypto.MasterKeyProvider}).
 * The rest of the package ({@code internal}, {@code web}) is implementation.
 * docs/encryption.md describes formats, master key set-up, rotation and re-wrap.
 */
package io.linia.platform.crypto;
