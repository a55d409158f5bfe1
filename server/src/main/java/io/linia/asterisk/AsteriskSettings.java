package io.linia.asterisk;

import io.linia.asterisk.ami.AmiClient;
import io.linia.asterisk.ami.AmiException;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's switch connection (TEL-7): the simulated switch (the default) or an Asterisk over
 * AMI (TEL-3). The AMI secret is stored encrypted with the tenant's data key and never shown
 * again. Saving AMI settings connects and logs in first: what fails is said precisely and
 * pinned to the field to fix (host, port, username, secret). docs/asterisk.md.
 */
@Service
public class AsteriskSettings {

    public static final List<String> MODES = List.of("SIMULATED", "AMI");
    private static final byte[] SECRET_AAD = "asterisk:ami-secret".getBytes(StandardCharsets.UTF_8);

    /** What an administrator sees: the secret only as whether one is set. */
    public record View(String mode, String amiHost, Integer amiPort, String amiUsername, boolean amiSecretSet, int version) {
    }

    /** A change: {@code null} leaves a value as it is; {@code amiSecret} is write-only. */
    public record Change(String mode, String amiHost, Integer amiPort, String amiUsername, String amiSecret) {
    }

    /** The outcome of a connection test: {@code kind} and {@code field} when it failed. */
    public record TestResult(boolean ok, String kind, String field, String message) {
    }

    /** The AMI connection of a tenant, secret decrypted, for the adapter. */
    public record Ami(String host, int port, String username, String secret) {

        public AmiClient.Settings client() {
            return new AmiClient.Settings(host, port, username, secret, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    /** Published after a tenant's settings changed (the adapter reconnects). */
    public record Changed(TenantId tenant) {
    }

    private final JdbcClient jdbc;
    private final TenantCrypto crypto;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AsteriskSettings(JdbcClient jdbc, TenantCrypto crypto, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    private record Row(String mode, String host, Integer port, String username, byte[] secret, int version) {
    }

    private Optional<Row> row(TenantId tenant) {
        return jdbc.sql("select mode, ami_host, ami_port, ami_username, ami_secret, version from asterisk_settings"
                        + " where tenant_id = ?").param(tenant.value())
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getBytes(5), rs.getInt(6))).optional();
    }

    public View get(TenantId tenant) {
        return row(tenant).map(r -> new View(r.mode(), r.host(), r.port(), r.username(), r.secret() != null, r.version()))
                .orElse(new View("SIMULATED", null, null, null, false, 0));
    }

    /** The tenant's AMI connection when its mode is AMI. */
    public Optional<Ami> ami(TenantId tenant) {
        return row(tenant).filter(r -> r.mode().equals("AMI") && r.secret() != null)
                .map(r -> new Ami(r.host(), r.port(), r.username(),
                        new String(crypto.decrypt(tenant, r.secret(), SECRET_AAD), StandardCharsets.UTF_8)));
    }

    /**
     * Changes the settings; with mode AMI the connection is tried first (unless {@code verify}
     * is false, for an Asterisk that is down for now) and a failure is a 422 on the field to fix.
     */
    @Transactional
    public View update(TenantId tenant, Change c, boolean verify) {
        View before = get(tenant);
        Row old = row(tenant).orElse(new Row("SIMULATED", null, null, null, null, 0));
        String mode = c.mode() == null ? old.mode() : c.mode().strip().toUpperCase(java.util.Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new InvalidInputException(mode.equals("ARI") ? "not_available" : "unknown_mode", "mode",
                    mode.equals("ARI") ? "The ARI adapter (TEL-2) is not available yet; use AMI or SIMULATED"
                            : "mode is one of " + MODES);
        }
        String host = c.amiHost() == null ? old.host() : c.amiHost().strip();
        Integer port = c.amiPort() == null ? old.port() : c.amiPort();
        String user = c.amiUsername() == null ? old.username() : c.amiUsername().strip();
        byte[] secret = old.secret();
        String plainSecret = c.amiSecret();
        if (mode.equals("AMI")) {
            if (host == null || host.isEmpty() || host.length() > 255 || host.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("required", "amiHost", "The Asterisk host name or address is required");
            }
            port = port == null ? 5038 : port;
            if (port < 1 || port > 65535) {
                throw new InvalidInputException("range", "amiPort", "A port is 1..65535 (AMI listens on 5038 by default)");
            }
            if (user == null || user.isEmpty() || user.length() > 100) {
                throw new InvalidInputException("required", "amiUsername", "The manager user of manager.conf is required");
            }
            if (plainSecret == null && secret == null) {
                throw new InvalidInputException("required", "amiSecret", "The manager user's secret is required");
            }
            if (plainSecret == null) {
                plainSecret = new String(crypto.decrypt(tenant, secret, SECRET_AAD), StandardCharsets.UTF_8);
            }
            if (verify) {
                TestResult t = test(new Ami(host, port, user, plainSecret));
                if (!t.ok()) {
                    throw new InvalidInputException("ami_" + t.kind().toLowerCase(java.util.Locale.ROOT), t.field(),
                            t.message());
                }
            }
            secret = crypto.encrypt(tenant, plainSecret.getBytes(StandardCharsets.UTF_8), SECRET_AAD);
        }
        jdbc.sql("""
                insert into asterisk_settings (tenant_id, mode, ami_host, ami_port, ami_username, ami_secret, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id) do update set mode = excluded.mode, ami_host = excluded.ami_host,
                    ami_port = excluded.ami_port, ami_username = excluded.ami_username, ami_secret = excluded.ami_secret,
                    updated_at = excluded.updated_at, version = asterisk_settings.version + 1""")
                .params(tenant.value(), mode, host, port, user, secret, Timestamp.from(clock.instant())).update();
        View after = get(tenant);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("mode", after.mode());
        a.put("amiHost", after.amiHost());
        a.put("amiPort", after.amiPort());
        a.put("amiUsername", after.amiUsername());
        a.put("amiSecretChanged", c.amiSecret() != null);
        audit.record(AuditEvent.change(tenant, "asterisk_settings.update", "asterisk_settings", null, before, a));
        events.publishEvent(new Changed(tenant));
        return after;
    }

    /** Tries the tenant's stored connection (or says that there is none). */
    public TestResult test(TenantId tenant) {
        return ami(tenant).map(this::test)
                .orElse(new TestResult(false, "NOT_CONFIGURED", "mode", "No AMI connection is configured"));
    }

    /** Connects, logs in and asks for the queues (app_queue must be loaded, the user may read them). */
    public TestResult test(Ami ami) {
        try (AmiClient client = AmiClient.connect(ami.client(), e -> { }, null)) {
            client.list(io.linia.asterisk.ami.AmiMessage.action("QueueSummary"));
            return new TestResult(true, null, null, "Connected to " + ami.host() + ":" + ami.port() + " as "
                    + ami.username() + "; app_queue answers");
        } catch (AmiException e) {
            String field = switch (e.kind()) {
                case DNS, TIMEOUT -> "amiHost";
                case REFUSED, PROTOCOL -> "amiPort";
                case AUTH -> "amiSecret";
                default -> "amiUsername";
            };
            return new TestResult(false, e.kind().name(), field, e.getMessage());
        }
    }
}
