package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.RoleRepository;
import io.linia.identity.internal.TenantRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants (ID-1): created by the provider, each with its built-in roles. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final RoleRepository roles;
    private final AuditLog audit;
    private final Clock clock;

    TenantService(TenantRepository tenants, RoleRepository roles, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a tenant and stores its built-in roles. The code must be unused. */
    @Transactional
    public Tenant create(String code, String name, String timeZone, String language) {
        String normalized = code.trim().toLowerCase();
        if (tenants.findByCode(normalized).isPresent()) {
            throw new ConflictException("duplicate_code", "code", "A tenant with code '" + normalized + "' exists");
        }
        Instant now = clock.instant();
        Tenant tenant = tenants.insert(normalized, name.trim(), timeZone, language, now);
        TenantContext.as(tenant.id(), () -> {
            roles.seedBuiltIns(tenant.id(), IdentityConstants.PROVIDER_TENANT.equals(normalized), now);
            audit.record(AuditEvent.change(tenant.id(), "tenant.create", "tenant", tenant.id(), null,
                    Map.of("code", tenant.code(), "name", tenant.name())));
        });
        return tenant;
    }

    public Optional<Tenant> findByCode(String code) {
        return tenants.findByCode(code);
    }

    public Tenant get(TenantId id) {
        return tenants.findById(id).orElseThrow(() -> new NotFoundException("tenant", id));
    }
}
