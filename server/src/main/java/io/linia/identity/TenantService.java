package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.RoleRepository;
import io.linia.identity.internal.TenantRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final UserService users;

    private final org.springframework.context.ApplicationEventPublisher events;

    TenantService(TenantRepository tenants, RoleRepository roles, AuditLog audit, Clock clock, UserService users,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.tenants = tenants;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a tenant and stores its built-in roles. The code must be unused. */
    /** A page of tenants and the cursor of the next one ({@code null} on the last page). */
    public record TenantPage(List<Tenant> items, String next) {
    }

    /** Changes to a tenant; {@code null} leaves a field as it is. */
    public record TenantChanges(String name, String timeZone, String defaultLanguage) {
    }

    @Transactional
    public Tenant create(String code, String name, String timeZone, String language) {
        String normalized = code.trim().toLowerCase();
        checkZone(timeZone);
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

    /** A new tenant and, when asked, its first administrator (with a one-time password unless one is given). */
    public record Onboarded(Tenant tenant, UserService.CreatedUser admin) {
    }

    /**
     * Creates a tenant with its first administrator in one transaction: either both exist
     * afterwards or neither does. The creation is audited in the new tenant's log and in the
     * log of {@code actorTenant} (the provider's, where its own auditors look).
     */
    @Transactional
    public Onboarded onboard(TenantId actorTenant, String code, String name, String timeZone, String language,
                             NewUser admin) {
        Tenant tenant = create(code, name, timeZone, language);
        UserService.CreatedUser created = admin == null ? null
                : TenantContext.as(tenant.id(), () -> users.register(tenant.id(), admin));
        audit.record(AuditEvent.change(actorTenant, "tenant.create", "tenant", tenant.id(), null, auditState(tenant)));
        return new Onboarded(tenant, created);
    }

    public Optional<Tenant> findByCode(String code) {
        return tenants.findByCode(code);
    }

    public Tenant get(TenantId id) {
        return tenants.findById(id).orElseThrow(() -> new NotFoundException("tenant", id));
    }

    /** Tenants whose code or name contains {@code q}, by code, in keyset pages. */
    public TenantPage search(String q, String status, int limit, String after) {
        String afterCode = null;
        if (after != null) {
            try {
                afterCode = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("bad_cursor", "after", "The cursor is not one this API returned");
            }
        }
        List<Tenant> rows = tenants.search(q, status, afterCode, limit);
        if (rows.size() <= limit) {
            return new TenantPage(rows, null);
        }
        List<Tenant> page = rows.subList(0, limit);
        String next = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(page.get(limit - 1).code().getBytes(StandardCharsets.UTF_8));
        return new TenantPage(List.copyOf(page), next);
    }

    /** Edits a tenant; the change is audited in the log of {@code actorTenant} (the provider). */
    @Transactional
    public Tenant update(TenantId actorTenant, TenantId id, TenantChanges changes) {
        Tenant before = get(id);
        if (changes.timeZone() != null) {
            checkZone(changes.timeZone());
        }
        tenants.update(id, changes.name() == null ? before.name() : changes.name().trim(),
                changes.timeZone() == null ? before.timeZone() : changes.timeZone(),
                changes.defaultLanguage() == null ? before.defaultLanguage() : changes.defaultLanguage(),
                before.status(), clock.instant());
        Tenant after = get(id);
        audit.record(AuditEvent.change(actorTenant, "tenant.update", "tenant", id, auditState(before), auditState(after)));
        if (!after.timeZone().equals(before.timeZone())) {
            events.publishEvent(new TenantTimeZoneChanged(id, before.timeZone(), after.timeZone()));
        }
        return after;
    }

    /**
     * Suspends a tenant: its users cannot sign in and their sessions and tokens stop working
     * at the next request; nothing is deleted. The provider's own tenant cannot be suspended.
     */
    @Transactional
    public Tenant suspend(TenantId actorTenant, TenantId id) {
        return setStatus(actorTenant, id, "suspended", "tenant.suspend");
    }

    @Transactional
    public Tenant resume(TenantId actorTenant, TenantId id) {
        return setStatus(actorTenant, id, "active", "tenant.resume");
    }

    private Tenant setStatus(TenantId actorTenant, TenantId id, String status, String action) {
        Tenant before = get(id);
        if (IdentityConstants.PROVIDER_TENANT.equals(before.code()) && !"active".equals(status)) {
            throw new ConflictException("provider_tenant", null, "The provider's own tenant cannot be suspended");
        }
        tenants.update(id, before.name(), before.timeZone(), before.defaultLanguage(), status, clock.instant());
        Tenant after = get(id);
        audit.record(AuditEvent.change(actorTenant, action, "tenant", id, Map.of("status", before.status()),
                Map.of("status", after.status())));
        return after;
    }

    private static void checkZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidInputException("unknown_time_zone", "timeZone", "Unknown time zone '" + zone + "'");
        }
    }

    private static Map<String, Object> auditState(Tenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", t.code());
        m.put("name", t.name());
        m.put("status", t.status());
        m.put("timeZone", t.timeZone());
        m.put("defaultLanguage", t.defaultLanguage());
        return m;
    }
}
