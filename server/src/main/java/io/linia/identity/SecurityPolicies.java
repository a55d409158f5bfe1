package io.linia.identity;

import io.linia.platform.TenantId;

/** Answers which {@link SecurityPolicy} is in force for a tenant. */
public interface SecurityPolicies {

    SecurityPolicy effective(TenantId tenant);
}
