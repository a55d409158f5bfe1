package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SEC-8: a tenant may limit its API clients and sign-ins to a list of networks. Checked on
 * every bearer request, so the lists are cached in memory and refreshed on change (one node;
 * other nodes see a change on their next start — HA will carry it as an event).
 */
@Service
public class NetworkPolicyService {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<TenantId, List<Cidr>> cache = new ConcurrentHashMap<>();

    NetworkPolicyService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<String> allowedNetworks(TenantId tenant) {
        return networks(tenant).stream().map(Cidr::text).toList();
    }

    /** True when the tenant has no list, or {@code ip} is in one of its networks. */
    public boolean allows(TenantId tenant, String ip) {
        List<Cidr> list = networks(tenant);
        return list.isEmpty() || (ip != null && list.stream().anyMatch(c -> c.contains(ip)));
    }

    /** Replaces the list; each malformed entry is refused naming its index ({@code networks[2]}). */
    @Transactional
    public List<String> replace(TenantId tenant, List<String> networks) {
        List<Cidr> parsed = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            try {
                parsed.add(Cidr.parse(networks.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_cidr", "networks[" + i + "]", e.getMessage());
            }
        }
        List<String> before = allowedNetworks(tenant);
        String[] texts = parsed.stream().map(Cidr::text).toArray(String[]::new);
        jdbc.sql("""
                insert into tenant_networks (tenant_id, allowed_networks, updated_at) values (?, ?, ?)
                on conflict (tenant_id) do update set allowed_networks = excluded.allowed_networks, updated_at = excluded.updated_at
                """)
                .params(tenant.value(), texts, Timestamp.from(clock.instant())).update();
        audit.record(AuditEvent.change(tenant, "security.allowed_networks", "tenant", tenant, Map.of("networks", before),
                Map.of("networks", List.of(texts))));
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        cache.remove(tenant);
                    }
                });
        return List.of(texts);
    }

    private List<Cidr> networks(TenantId tenant) {
        return cache.computeIfAbsent(tenant, t -> TenantContext.as(t, () ->
                jdbc.sql("select allowed_networks from tenant_networks where tenant_id = ?").param(t.value())
                        .query((rs, i) -> (String[]) rs.getArray(1).getArray()).optional()
                        .map(a -> java.util.Arrays.stream(a).map(Cidr::parse).toList())
                        .orElse(List.of())));
    }
}
