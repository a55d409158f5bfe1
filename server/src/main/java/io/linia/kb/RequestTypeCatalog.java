package io.linia.kb;

import io.linia.platform.TenantId;
import java.util.Set;

/**
 * The request types an article may be tied to (KB-1): implemented (as a Spring bean) by the
 * requests module, which knows the types of the tenant's projects. The knowledge base depends on
 * no request code; the requests module depends on this interface. With no such bean, a
 * {@code requestTypes} tie is only checked for its form.
 */
public interface RequestTypeCatalog {

    /** The codes of every request type of the tenant's projects, lower-case. */
    Set<String> codes(TenantId tenant);
}
