package io.linia.acd;

import io.linia.acd.engine.AcdException;
import io.linia.acd.internal.IvrJson;
import io.linia.acd.internal.IvrRepository;
import io.linia.acd.engine.ivr.IvrFlow;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * IVR flows (ACD-8) as tenant data: validated by the engine's rules before they are stored
 * (a dangling target or an unreachable node is refused with the reason), used by the next call.
 */
@Service
public class IvrService {

    private final IvrRepository ivrs;
    private final AuditLog audit;
    private final Clock clock;

    IvrService(IvrRepository ivrs, AuditLog audit, Clock clock) {
        this.ivrs = ivrs;
        this.audit = audit;
        this.clock = clock;
    }

    public List<IvrView> list(TenantId tenant) {
        return ivrs.list(tenant);
    }

    public IvrView get(TenantId tenant, UUID id) {
        return ivrs.find(tenant, id).orElseThrow(() -> new NotFoundException("ivr", id));
    }

    @Transactional
    public IvrView create(TenantId tenant, String number, String name, String entry, JsonNode nodes) {
        validate(tenant, null, number, name, entry, nodes);
        UUID id = UUID.randomUUID();
        ivrs.insert(tenant, id, number, name.trim(), entry, nodes, clock.instant());
        IvrView created = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "ivr.create", "ivr", id, null, created));
        return created;
    }

    @Transactional
    public IvrView update(TenantId tenant, UUID id, String number, String name, String entry, JsonNode nodes, int version) {
        IvrView before = get(tenant, id);
        validate(tenant, id, number, name, entry, nodes);
        if (!ivrs.update(tenant, id, number, name.trim(), entry, nodes, version, clock.instant())) {
            throw new ConflictException("stale_version", "version", "The IVR was changed meanwhile; reload it");
        }
        IvrView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "ivr.update", "ivr", id, before, after));
        return after;
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        IvrView before = get(tenant, id);
        ivrs.delete(tenant, id);
        audit.record(AuditEvent.change(tenant, "ivr.delete", "ivr", id, before, null));
    }

    private void validate(TenantId tenant, UUID id, String number, String name, String entry, JsonNode nodes) {
        if (number == null || !number.matches("[0-9*#]{1,20}")) {
            throw new InvalidInputException("format", "number", "An IVR number is 1..20 digits, * or #");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("required", "name", "An IVR needs a name of up to 200 characters");
        }
        ivrs.findByNumber(tenant, number).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("duplicate_number", "number", "Another IVR answers " + number);
        });
        try {
            IvrFlow.of(entry, IvrJson.parse(nodes), q -> ivrs.queueExists(tenant, q));
        } catch (AcdException e) {
            // every flaw of a flow (dangling target, unreachable node, unknown queue …) is bad input
            throw new InvalidInputException(e.code(), e.field(), e.getMessage());
        }
    }
}
