package io.linia.platform.crypto;

import io.linia.platform.LiniaException;
import io.linia.platform.TenantId;
import org.springframework.http.HttpStatus;

/**
 * The tenant has switched off storing confidential data (SEC-6): the caller must not store
 * it. Reaching the web edge it is a 422 {@code confidential_storage_disabled}.
 */
public class ConfidentialStorageDisabledException extends LiniaException {

    public static final String CODE = "confidential_storage_disabled";

    public ConfidentialStorageDisabledException(TenantId tenant) {
        super(CODE, null, "Tenant " + tenant + " does not store confidential data (switched off by its administrator)");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }
}
