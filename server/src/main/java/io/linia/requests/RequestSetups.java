package io.linia.requests;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.UserService;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.projects.Projects;
import io.linia.requests.internal.RequestRepository;
import io.linia.requests.internal.SetupRepository;
import io.linia.requests.internal.SetupRules;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project constructor (CASE-2): one document per project ({@link ProjectSetup}), checked by
 * {@code SetupRules}, stored whole with a version, audited as {@code request_setup.update}. A
 * project that was never configured works with {@link SetupRules#defaults()} (version 0).
 * A type or status some request has cannot be removed (409 {@code in_use}); a field keeps its
 * type and confidentiality (422 {@code immutable}).
 */
@Service
public class RequestSetups {

    private final SetupRepository setups;
    private final RequestRepository requests;
    private final Projects projects;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;

    RequestSetups(SetupRepository setups, RequestRepository requests, Projects projects, UserService users, AuditLog audit,
                  Clock clock) {
        this.setups = setups;
        this.requests = requests;
        this.projects = projects;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** The project's setup (the defaults while it has none of its own); 404 for a project of another tenant. */
    public ProjectSetup get(TenantId tenant, UUID projectId) {
        projects.get(tenant, projectId);
        return setups.find(tenant, projectId).orElse(SetupRules.defaults());
    }

    /** Every project's setup by project id (projects without one get the defaults only when asked for by id). */
    public Map<UUID, ProjectSetup> all(TenantId tenant) {
        return new HashMap<>(setups.all(tenant));
    }

    @Transactional
    public ProjectSetup put(TenantId tenant, UUID projectId, ProjectSetup given) {
        ProjectSetup before = get(tenant, projectId);
        int version = before.version() == null ? 0 : before.version();
        if (given.version() != null && given.version() != version) {
            throw stale();
        }
        ProjectSetup checked = SetupRules.check(given, before);
        SetupRules.users(checked).forEach((field, id) -> {
            try {
                users.get(tenant, id);
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_user", field, "No user " + id + " in this tenant");
            }
        });
        for (ProjectSetup.RequestType t : before.types()) {
            if (SetupRules.type(checked, t.code()).isEmpty() && requests.typeUsed(tenant, projectId, t.code())) {
                throw new ConflictException("in_use", "types", "Requests of type '" + t.code() + "' exist");
            }
        }
        for (ProjectSetup.Status s : before.statuses()) {
            if (SetupRules.status(checked, s.code()).isEmpty() && requests.statusUsed(tenant, projectId, s.code())) {
                throw new ConflictException("in_use", "statuses", "Requests in status '" + s.code() + "' exist");
            }
        }
        if (!setups.save(tenant, projectId, checked, version, clock.instant())) {
            throw stale();
        }
        ProjectSetup after = setups.find(tenant, projectId).orElseThrow();
        audit.record(AuditEvent.change(tenant, "request_setup.update", "project", projectId, before, after));
        return after;
    }

    /** The projects whose setup grants this customer-company user access (CASE-7). */
    public List<UUID> projectsOfCustomerUser(TenantId tenant, UUID userId) {
        return setups.all(tenant).entrySet().stream().filter(e -> e.getValue().customerUsers().contains(userId))
                .map(Map.Entry::getKey).toList();
    }

    private static ConflictException stale() {
        return new ConflictException("stale_version", "version", "The setup was changed meanwhile; reload it");
    }
}
