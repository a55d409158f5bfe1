package io.linia.asterisk;

import io.linia.asterisk.ami.AmiClient;
import io.linia.asterisk.ami.AmiException;
import io.linia.asterisk.ari.AriClient;
import io.linia.asterisk.ari.AriException;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * A tenant's switch connection (TEL-7): the simulated switch (the default), an Asterisk over
 * ARI where Linia routes every call itself (TEL-2), or an Asterisk over AMI that keeps its own
 * queues (TEL-3). Secrets are stored encrypted with the tenant's data key and never shown
 * again. Saving ARI or AMI settings connects first: what fails is said precisely and pinned to
 * the field to fix. docs/asterisk.md.
 */
@Service
public class AsteriskSettings {

    public static final List<String> MODES = List.of("SIMULATED", "ARI", "AMI");
    private static final byte[] SECRET_AAD = "asterisk:ami-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PASSWORD_AAD = "asterisk:ari-password".getBytes(StandardCharsets.UTF_8);
    public static final String DEFAULT_APP = "linia";
    public static final String DEFAULT_AGENT_DIAL = "PJSIP/{extension}";
    public static final String DEFAULT_OUTBOUND_DIAL = "Local/{number}@from-internal";
    public static final String DEFAULT_AMI_INTERFACE = "PJSIP/{extension}";
    public static final String DEFAULT_AMI_CONTEXT = "from-internal";

    /** What an administrator sees: secrets only as whether one is set. */
    public record View(String mode, String amiHost, Integer amiPort, String amiUsername, boolean amiSecretSet,
                       String amiInterface, String amiContext, String ariUrl, String ariUsername, boolean ariPasswordSet, String ariApp, String ariAgentDial,
                       String ariOutboundDial, boolean ariRecord, int version, String amiRecordingsDir) {
    }

    /** A change: {@code null} leaves a value as it is; {@code amiSecret} and {@code ariPassword} are write-only. */
    public record Change(String mode, String amiHost, Integer amiPort, String amiUsername, String amiSecret,
                         String amiInterface, String amiContext,
                         String ariUrl, String ariUsername, String ariPassword, String ariApp, String ariAgentDial,
                         String ariOutboundDial, Boolean ariRecord, String amiRecordingsDir) {

        public Change(String mode, String amiHost, Integer amiPort, String amiUsername, String amiSecret) {
            this(mode, amiHost, amiPort, amiUsername, amiSecret, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** The outcome of a connection test: {@code kind} and {@code field} when it failed. */
    public record TestResult(boolean ok, String kind, String field, String message) {
    }

    /**
     * The AMI connection of a tenant, secret decrypted, for the adapter; {@code recordingsDir}
     * where MixMonitor's files can be read on this node (null: they are not fetched).
     */
    public record Ami(String host, int port, String username, String secret, String agentInterface, String context,
                      Path recordingsDir) {

        public Ami(String host, int port, String username, String secret) {
            this(host, port, username, secret, DEFAULT_AMI_INTERFACE, DEFAULT_AMI_CONTEXT, null);
        }

        /** The agent's phone as app_queue knows it, from their extension. */
        public String interfaceOf(String extension) {
            return agentInterface.replace("{extension}", extension);
        }


        public AmiClient.Settings client() {
            return new AmiClient.Settings(host, port, username, secret, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    /** The ARI connection of a tenant, password decrypted, for the adapter. */
    public record Ari(String url, String username, String password, String app, String agentDial, String outboundDial,
                      boolean record) {

        public AriClient.Settings client() {
            return new AriClient.Settings(url, username, password, app, Duration.ofSeconds(5));
        }
    }

    /** Published after a tenant's settings changed (the adapters reconnect). */
    public record Changed(TenantId tenant) {
    }

    private final JdbcClient jdbc;
    private final TenantCrypto crypto;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private final List<Path> allowedDirs;

    AsteriskSettings(JdbcClient jdbc, TenantCrypto crypto, AuditLog audit, Clock clock, ApplicationEventPublisher events,
                     @org.springframework.beans.factory.annotation.Value("${linia.history.allowed-dirs:}") List<String> allowedDirs) {
        this.allowedDirs = allowedDirs.stream().filter(d -> !d.isBlank())
                .map(d -> Path.of(d.trim()).toAbsolutePath().normalize()).toList();
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    private record Row(String mode, String host, Integer port, String username, byte[] secret, String amiInterface,
                       String amiContext, String ariUrl,
                       String ariUsername, byte[] ariPassword, String ariApp, String ariAgentDial, String ariOutboundDial,
                       boolean ariRecord, int version, String amiRecordingsDir) {
    }

    private static final Row NONE = new Row("SIMULATED", null, null, null, null, DEFAULT_AMI_INTERFACE,
            DEFAULT_AMI_CONTEXT, null, null, null, DEFAULT_APP,
            DEFAULT_AGENT_DIAL, DEFAULT_OUTBOUND_DIAL, true, 0, null);

    private Optional<Row> row(TenantId tenant) {
        return jdbc.sql("""
                        select mode, ami_host, ami_port, ami_username, ami_secret, ari_url, ari_username, ari_password,
                               ari_app, ari_agent_dial, ari_outbound_dial, version, ami_interface, ami_context, ari_record,
                               ami_recordings_dir
                        from asterisk_settings where tenant_id = ?""").param(tenant.value())
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getBytes(5), rs.getString(13), rs.getString(14), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getBoolean(15), rs.getInt(12), rs.getString(16))).optional();
    }

    public View get(TenantId tenant) {
        Row r = row(tenant).orElse(NONE);
        return new View(r.mode(), r.host(), r.port(), r.username(), r.secret() != null, r.amiInterface(),
                r.amiContext(), r.ariUrl(), r.ariUsername(),
                r.ariPassword() != null, r.ariApp(), r.ariAgentDial(), r.ariOutboundDial(), r.ariRecord(), r.version(),
                r.amiRecordingsDir());
    }

    /** The tenant's mode: SIMULATED, ARI or AMI. */
    public String mode(TenantId tenant) {
        return row(tenant).map(Row::mode).orElse("SIMULATED");
    }

    /** The tenant's AMI connection when its mode is AMI. */
    public Optional<Ami> ami(TenantId tenant) {
        return row(tenant).filter(r -> r.mode().equals("AMI") && r.secret() != null)
                .map(r -> new Ami(r.host(), r.port(), r.username(),
                        new String(crypto.decrypt(tenant, r.secret(), SECRET_AAD), StandardCharsets.UTF_8),
                        r.amiInterface(), r.amiContext(),
                        r.amiRecordingsDir() == null ? null : Path.of(r.amiRecordingsDir())));
    }

    /** The tenant's ARI connection when its mode is ARI. */
    public Optional<Ari> ari(TenantId tenant) {
        return row(tenant).filter(r -> r.mode().equals("ARI") && r.ariPassword() != null)
                .map(r -> new Ari(r.ariUrl(), r.ariUsername(),
                        new String(crypto.decrypt(tenant, r.ariPassword(), PASSWORD_AAD), StandardCharsets.UTF_8),
                        r.ariApp(), r.ariAgentDial(), r.ariOutboundDial(), r.ariRecord()));
    }

    /**
     * Changes the settings; with mode ARI or AMI the connection is tried first (unless
     * {@code verify} is false, for an Asterisk that is down for now) and a failure is a 422 on
     * the field to fix.
     */
    @Transactional
    public View update(TenantId tenant, Change c, boolean verify) {
        View before = get(tenant);
        Row old = row(tenant).orElse(NONE);
        String mode = c.mode() == null ? old.mode() : c.mode().strip().toUpperCase(java.util.Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new InvalidInputException("unknown_mode", "mode", "mode is one of " + MODES);
        }
        String host = c.amiHost() == null ? old.host() : c.amiHost().strip();
        Integer port = c.amiPort() == null ? old.port() : c.amiPort();
        String user = c.amiUsername() == null ? old.username() : c.amiUsername().strip();
        byte[] secret = old.secret();
        String plainSecret = c.amiSecret();
        String amiInterface = c.amiInterface() == null ? old.amiInterface() : c.amiInterface().strip();
        String amiContext = c.amiContext() == null ? old.amiContext() : c.amiContext().strip();
        if (c.amiInterface() != null && (!amiInterface.contains("{extension}") || amiInterface.length() > 200)) {
            throw new InvalidInputException("format", "amiInterface",
                    "The agent's interface must contain {extension}, e.g. PJSIP/{extension} or Local/{extension}@from-queue/n");
        }
        if (c.amiContext() != null && !amiContext.matches("[A-Za-z0-9_.-]{1,80}")) {
            throw new InvalidInputException("format", "amiContext", "A dialplan context is 1..80 letters, digits, _ . or -");
        }
        String recordingsDir = c.amiRecordingsDir() == null ? old.amiRecordingsDir() : recordingsDir(c.amiRecordingsDir());
        String ariUrl = c.ariUrl() == null ? old.ariUrl() : c.ariUrl().strip();
        String ariUser = c.ariUsername() == null ? old.ariUsername() : c.ariUsername().strip();
        byte[] ariPassword = old.ariPassword();
        String plainPassword = c.ariPassword();
        String app = c.ariApp() == null ? old.ariApp() : c.ariApp().strip();
        String agentDial = c.ariAgentDial() == null ? old.ariAgentDial() : c.ariAgentDial().strip();
        String outboundDial = c.ariOutboundDial() == null ? old.ariOutboundDial() : c.ariOutboundDial().strip();
        boolean record = c.ariRecord() == null ? old.ariRecord() : c.ariRecord();
        if (c.ariApp() != null && !app.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidInputException("format", "ariApp", "The Stasis application is 1..64 letters, digits, _ . or -");
        }
        if (c.ariAgentDial() != null && (!agentDial.contains("{extension}") || agentDial.length() > 200)) {
            throw new InvalidInputException("format", "ariAgentDial",
                    "The agent's dial string must contain {extension}, e.g. PJSIP/{extension}");
        }
        if (c.ariOutboundDial() != null && (!outboundDial.contains("{number}") || outboundDial.length() > 200)) {
            throw new InvalidInputException("format", "ariOutboundDial",
                    "The outbound dial string must contain {number}, e.g. Local/{number}@from-internal");
        }
        if (c.ariUrl() != null && !ariUrl.isEmpty() && !ariUrl.matches("https?://[^\\s/]+(:\\d+)?/?")) {
            throw new InvalidInputException("format", "ariUrl",
                    "The ARI URL is the HTTP server of Asterisk, e.g. http://pbx.example.org:8088");
        }
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
                fail(test(new Ami(host, port, user, plainSecret)));
            }
        }
        if (mode.equals("ARI")) {
            if (ariUrl == null || ariUrl.isEmpty()) {
                throw new InvalidInputException("required", "ariUrl", "The ARI URL is required, e.g. http://pbx.example.org:8088");
            }
            if (ariUser == null || ariUser.isEmpty() || ariUser.length() > 100) {
                throw new InvalidInputException("required", "ariUsername", "The ARI user of ari.conf is required");
            }
            if (plainPassword == null && ariPassword == null) {
                throw new InvalidInputException("required", "ariPassword", "The ARI user's password is required");
            }
            if (plainPassword == null) {
                plainPassword = new String(crypto.decrypt(tenant, ariPassword, PASSWORD_AAD), StandardCharsets.UTF_8);
            }
            if (verify) {
                fail(test(new Ari(ariUrl, ariUser, plainPassword, app, agentDial, outboundDial, record)));
            }
        }
        if (plainSecret != null) {
            secret = crypto.encrypt(tenant, plainSecret.getBytes(StandardCharsets.UTF_8), SECRET_AAD);
        }
        if (plainPassword != null) {
            ariPassword = crypto.encrypt(tenant, plainPassword.getBytes(StandardCharsets.UTF_8), PASSWORD_AAD);
        }
        jdbc.sql("""
                insert into asterisk_settings (tenant_id, mode, ami_host, ami_port, ami_username, ami_secret,
                    ari_url, ari_username, ari_password, ari_app, ari_agent_dial, ari_outbound_dial, updated_at,
                    ami_interface, ami_context, ari_record, ami_recordings_dir)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id) do update set mode = excluded.mode, ami_host = excluded.ami_host,
                    ami_port = excluded.ami_port, ami_username = excluded.ami_username, ami_secret = excluded.ami_secret,
                    ari_url = excluded.ari_url, ari_username = excluded.ari_username, ari_password = excluded.ari_password,
                    ari_app = excluded.ari_app, ari_agent_dial = excluded.ari_agent_dial,
                    ari_outbound_dial = excluded.ari_outbound_dial, ami_interface = excluded.ami_interface,
                    ami_context = excluded.ami_context, ari_record = excluded.ari_record,
                    ami_recordings_dir = excluded.ami_recordings_dir,
                    updated_at = excluded.updated_at, version = asterisk_settings.version + 1""")
                .params(tenant.value(), mode, host, port, user, secret, ariUrl, ariUser, ariPassword, app, agentDial,
                        outboundDial, Timestamp.from(clock.instant()), amiInterface, amiContext, record, recordingsDir).update();
        View after = get(tenant);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("mode", after.mode());
        a.put("amiHost", after.amiHost());
        a.put("amiPort", after.amiPort());
        a.put("amiUsername", after.amiUsername());
        a.put("amiSecretChanged", c.amiSecret() != null);
        a.put("amiInterface", after.amiInterface());
        a.put("amiContext", after.amiContext());
        a.put("amiRecordingsDir", after.amiRecordingsDir());
        a.put("ariUrl", after.ariUrl());
        a.put("ariUsername", after.ariUsername());
        a.put("ariPasswordChanged", c.ariPassword() != null);
        a.put("ariApp", after.ariApp());
        a.put("ariAgentDial", after.ariAgentDial());
        a.put("ariOutboundDial", after.ariOutboundDial());
        a.put("ariRecord", after.ariRecord());
        audit.record(AuditEvent.change(tenant, "asterisk_settings.update", "asterisk_settings", null, before, a));
        events.publishEvent(new Changed(tenant));
        return after;
    }

    /**
     * Where MixMonitor's files are read: an absolute directory inside one this installation allows
     * ({@code linia.history.allowed-dirs}), readable now; blank switches the fetching off.
     */
    private String recordingsDir(String dir) {
        if (dir.isBlank()) {
            return null;
        }
        if (allowedDirs.isEmpty()) {
            throw new InvalidInputException("path_imports_disabled", "amiRecordingsDir",
                    "Reading files on this node is off on this installation (linia.history.allowed-dirs)");
        }
        Path p = Path.of(dir.strip()).toAbsolutePath().normalize();
        if (dir.length() > 500 || allowedDirs.stream().noneMatch(p::startsWith)) {
            throw new InvalidInputException("path_not_allowed", "amiRecordingsDir",
                    "The directory is not inside one this installation allows: " + allowedDirs);
        }
        if (!java.nio.file.Files.isDirectory(p) || !java.nio.file.Files.isReadable(p)) {
            throw new InvalidInputException("not_readable", "amiRecordingsDir", "No readable directory " + p);
        }
        return p.toString();
    }

    private static void fail(TestResult t) {
        if (!t.ok()) {
            throw new InvalidInputException(t.kind().toLowerCase(java.util.Locale.ROOT).startsWith("ari")
                    ? t.kind().toLowerCase(java.util.Locale.ROOT) : "ami_" + t.kind().toLowerCase(java.util.Locale.ROOT),
                    t.field(), t.message());
        }
    }

    /** Tries the tenant's stored connection (or says that there is none). */
    public TestResult test(TenantId tenant) {
        Optional<Ari> ari = ari(tenant);
        if (ari.isPresent()) {
            return test(ari.get());
        }
        return ami(tenant).map(this::test)
                .orElse(new TestResult(false, "NOT_CONFIGURED", "mode", "No ARI or AMI connection is configured"));
    }

    /** Connects to ARI: the server and credentials, the event socket, the application registered. */
    public TestResult test(Ari ari) {
        try (AriClient client = AriClient.connect(ari.client(), e -> { }, null)) {
            String version = client.info().path("system").path("version").asString("?");
            return new TestResult(true, null, null, "Connected to Asterisk " + version + " at " + ari.url() + " as "
                    + ari.username() + "; application " + ari.app() + " registered");
        } catch (AriException e) {
            String field = switch (e.kind()) {
                case AUTH -> "ariPassword";
                case APPLICATION -> "ariApp";
                case REFUSED_ACTION -> "ariUsername";
                default -> "ariUrl";
            };
            return new TestResult(false, "ARI_" + e.kind().name(), field, e.getMessage());
        }
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
