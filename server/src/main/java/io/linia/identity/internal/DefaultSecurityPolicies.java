package io.linia.identity.internal;

import io.linia.identity.SecurityPolicies;
import io.linia.identity.SecurityPolicy;
import io.linia.platform.TenantId;
import java.time.Duration;
import org.springframework.stereotype.Service;

/** The platform defaults from {@link SecurityProperties}, the same for every tenant. */
@Service
class DefaultSecurityPolicies implements SecurityPolicies {

    private final SecurityPolicy policy;

    DefaultSecurityPolicies(SecurityProperties p) {
        this.policy = new SecurityPolicy(p.passwordMinLength(), true, true, false, false, p.passwordHistory(),
                positiveOrNull(p.passwordMaxAge()), p.maxFailedLogins(), p.lockoutDuration(), p.adminIdleTimeout(),
                positiveOrNull(p.disableUnusedAfter()));
    }

    @Override
    public SecurityPolicy effective(TenantId tenant) {
        return policy;
    }

    private static Duration positiveOrNull(Duration d) {
        return d == null || d.isZero() || d.isNegative() ? null : d;
    }
}
