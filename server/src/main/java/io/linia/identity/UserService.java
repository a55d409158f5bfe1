package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.AccountRepository;
import io.linia.identity.internal.RoleRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users of a tenant (ID-2, ID-3). */
@Service
public class UserService {

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final RoleRepository roles;
    private final PasswordEncoder encoder;
    private final PasswordService passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserService(JdbcClient jdbc, AccountRepository accounts, RoleRepository roles, PasswordEncoder encoder,
                PasswordService passwords, AuditLog audit, Clock clock) {
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.roles = roles;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a user with the given roles; the login must be free in the tenant. */
    @Transactional
    public UUID create(TenantId tenant, NewUser user) {
        if (accounts.findByLogin(tenant, user.login()).isPresent()) {
            throw new ConflictException("duplicate_login", "login", "Login '" + user.login() + "' is taken");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into users (id, tenant_id, login, full_name, email, extension, agent_pin_hash, language, time_zone,
                                   status, must_change_password, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
                """)
                .params(id, tenant.value(), user.login(), user.fullName(), user.email(), user.extension(),
                        user.agentPin() == null ? null : encoder.encode(user.agentPin()), user.language(), user.timeZone(),
                        user.mustChangePassword(), Timestamp.from(now), Timestamp.from(now))
                .update();
        if (user.password() != null) {
            passwords.set(tenant, id, user.password(), user.mustChangePassword(), "password");
        }
        for (String code : user.roles() == null ? List.<String>of() : user.roles()) {
            UUID roleId = roles.findIdByCode(tenant, code)
                    .orElseThrow(() -> new InvalidInputException("unknown_role", "roles", "No role '" + code + "'"));
            roles.assign(tenant, id, roleId);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("login", user.login());
        after.put("fullName", user.fullName());
        after.put("roles", user.roles());
        audit.record(AuditEvent.change(tenant, "user.create", "user", id, null, after));
        return id;
    }
}
