package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.RoleRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles of a tenant (ID-3, SPEC §2): the built-in ones are read-only; custom roles are built
 * from the fixed permission list. Provider-level permissions exist only in the provider's
 * own tenant, so no customer can grant itself tenant management.
 */
@Service
public class RoleService {

    private final RoleRepository roles;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Clock clock;

    RoleService(RoleRepository roles, TenantService tenants, AuditLog audit, Clock clock) {
        this.roles = roles;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** Permissions a custom role of this tenant may hold. */
    public List<Permission> grantable(TenantId tenant) {
        boolean provider = isProvider(tenant);
        return java.util.Arrays.stream(Permission.values()).filter(p -> provider || !p.providerOnly()).toList();
    }

    public List<RoleView> list(TenantId tenant) {
        return roles.list(tenant);
    }

    public RoleView get(TenantId tenant, UUID id) {
        return roles.find(tenant, id).orElseThrow(() -> new NotFoundException("role", id));
    }

    @Transactional
    public RoleView create(TenantId tenant, String code, String name, Collection<String> permissions) {
        String normalized = code.trim().toLowerCase();
        if (roles.findIdByCode(tenant, normalized).isPresent()) {
            throw new ConflictException("duplicate_code", "code", "A role with code '" + normalized + "' exists");
        }
        List<String> perms = checked(tenant, permissions);
        UUID id = roles.insert(tenant, normalized, name.trim(), perms, clock.instant());
        RoleView created = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "role.create", "role", id, null, auditState(created)));
        return created;
    }

    @Transactional
    public RoleView update(TenantId tenant, UUID id, String name, Collection<String> permissions) {
        RoleView before = get(tenant, id);
        refuseBuiltIn(before);
        String newName = name == null ? before.name() : name.trim();
        List<String> perms = permissions == null ? before.permissions() : checked(tenant, permissions);
        roles.update(tenant, id, newName, perms, clock.instant());
        RoleView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "role.update", "role", id, auditState(before), auditState(after)));
        return after;
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        RoleView before = get(tenant, id);
        refuseBuiltIn(before);
        if (before.users() > 0) {
            throw new ConflictException("role_in_use", null,
                    "The role is held by " + before.users() + " user(s); take it away from them first");
        }
        roles.delete(tenant, id);
        audit.record(AuditEvent.change(tenant, "role.delete", "role", id, auditState(before), null));
    }

    private List<String> checked(TenantId tenant, Collection<String> permissions) {
        boolean provider = isProvider(tenant);
        TreeSet<String> result = new TreeSet<>();
        for (String p : permissions) {
            Permission permission;
            try {
                permission = Permission.valueOf(p);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException("unknown_permission", "permissions", "No permission '" + p + "'");
            }
            if (permission.providerOnly() && !provider) {
                throw new InvalidInputException("provider_permission", "permissions",
                        "Permission " + p + " belongs to the provider and cannot be granted in a tenant");
            }
            result.add(permission.name());
        }
        return new ArrayList<>(result);
    }

    private boolean isProvider(TenantId tenant) {
        return IdentityConstants.PROVIDER_TENANT.equals(tenants.get(tenant).code());
    }

    private static void refuseBuiltIn(RoleView role) {
        if (role.builtin()) {
            throw new ConflictException("builtin_role", null, "Built-in role '" + role.code() + "' cannot be changed");
        }
    }

    private static Map<String, Object> auditState(RoleView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        m.put("name", r.name());
        m.put("permissions", r.permissions());
        return m;
    }
}
