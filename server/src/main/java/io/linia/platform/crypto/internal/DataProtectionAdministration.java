package io.linia.platform.crypto.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.DataKeyStatus;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant administrator's data-protection acts: rotate the data key (SEC-5) and switch
 * confidential storage (SEC-6). The web edge has checked {@code SECURITY_POLICY_MANAGE};
 * each change and its audit entry commit together.
 */
@Service
public class DataProtectionAdministration {

    private final DataKeys keys;
    private final DataProtectionSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    DataProtectionAdministration(DataKeys keys, DataProtectionSettings settings, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    public DataKeyStatus dataKeyStatus(TenantId tenant) {
        return keys.status(tenant);
    }

    @Transactional
    public DataKeyStatus rotateDataKey(TenantId tenant) {
        DataKeyStatus before = keys.status(tenant);
        DataKeyStatus after = keys.rotate(tenant);
        audit.record(AuditEvent.change(tenant, "data_key.rotate", "data_key", tenant, before, after));
        return after;
    }

    public boolean confidentialStorage(TenantId tenant) {
        return settings.confidentialStorage(tenant);
    }

    @Transactional
    public boolean setConfidentialStorage(TenantId tenant, boolean enabled) {
        boolean before = settings.confidentialStorage(tenant);
        settings.setConfidentialStorage(tenant, enabled, clock.instant());
        audit.record(AuditEvent.change(tenant, "confidential_storage.update", "tenant_data_protection", tenant,
                Map.of("enabled", before), Map.of("enabled", enabled)));
        return enabled;
    }
}
