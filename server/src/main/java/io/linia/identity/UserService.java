package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.AccountRepository;
import io.linia.identity.internal.RoleRepository;
import io.linia.identity.internal.Tokens;
import io.linia.identity.internal.UserRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users of a tenant (ID-2, ID-3): create, search, edit, block/unblock, soft delete, password
 * reset. Each change is one transaction with its audit entry (before/after, never hashes).
 */
@Service
public class UserService {

    /** A created user; {@code oneTimePassword} is set when the platform generated it (shown once). */
    public record CreatedUser(UUID id, String oneTimePassword) {
    }

    /** A page of users and the cursor of the next page ({@code null} on the last). */
    public record UserPage(List<UserView> items, String next) {
    }

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final RoleRepository roles;
    private final PasswordEncoder encoder;
    private final PasswordService passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserService(JdbcClient jdbc, AccountRepository accounts, UserRepository users, RoleRepository roles,
                PasswordEncoder encoder, PasswordService passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.users = users;
        this.roles = roles;
        this.encoder = encoder;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a user with the given roles; the login must be free in the tenant. */
    @Transactional
    public UUID create(TenantId tenant, NewUser user) {
        return register(tenant, user).id();
    }

    /** Creates a user; without a given password a one-time password is generated and returned. */
    @Transactional
    public CreatedUser register(TenantId tenant, NewUser user) {
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
                .params(id, tenant.value(), user.login(), user.fullName(), lower(user.email()), user.extension(),
                        user.agentPin() == null ? null : encoder.encode(user.agentPin()), user.language(), user.timeZone(),
                        user.mustChangePassword(), Timestamp.from(now), Timestamp.from(now))
                .update();
        String oneTime = null;
        if (user.password() != null) {
            passwords.set(tenant, id, user.password(), user.mustChangePassword(), "password");
        } else {
            oneTime = Tokens.newPassword();
            passwords.set(tenant, id, oneTime, true, "password");
        }
        setRoles(tenant, id, user.roles() == null ? List.of() : user.roles());
        setSkills(tenant, id, user.skills() == null ? Map.of() : user.skills());
        audit.record(AuditEvent.change(tenant, "user.create", "user", id, null, auditState(get(tenant, id))));
        return new CreatedUser(id, oneTime);
    }

    /** The live, active user with this extension (ACD-2 phone login), if any. */
    public java.util.Optional<UserView> findByExtension(TenantId tenant, String extension) {
        return jdbc.sql("""
                select id from users where tenant_id = ? and extension = ? and deleted_at is null and status = 'active'
                 order by created_at limit 1
                """).params(tenant.value(), extension).query(UUID.class).optional()
                .map(id -> get(tenant, id));
    }

    /**
     * Every extension and the user who has it, for matching another system's history (TEL-4):
     * a live user before a deleted or blocked one, the earliest first, so an operator who left
     * still gets their old calls when nobody took the number over.
     */
    public java.util.Map<String, UUID> usersByExtension(TenantId tenant) {
        java.util.Map<String, UUID> out = new java.util.HashMap<>();
        jdbc.sql("""
                select extension, id from users where tenant_id = ? and extension is not null
                 order by (deleted_at is null and status = 'active') desc, created_at
                """).param(tenant.value()).query(rs -> {
                    out.putIfAbsent(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return out;
    }

    /**
     * The live, active users whose roles grant {@code permission}, id → full name, by name (the
     * wallboard lists every agent — holders of CALLS_HANDLE — even when logged out, RT-7).
     */
    public Map<UUID, String> holdersOf(TenantId tenant, Permission permission) {
        Map<UUID, String> out = new LinkedHashMap<>();
        jdbc.sql("""
                select u.id, u.full_name from users u
                 where u.tenant_id = ? and u.deleted_at is null and u.status = 'active'
                   and exists (select 1 from user_roles ur join roles r on r.id = ur.role_id
                                where ur.tenant_id = u.tenant_id and ur.user_id = u.id and ? = any (r.permissions))
                 order by lower(u.full_name), u.id
                """).params(tenant.value(), permission.name())
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return out;
    }

    /** Full names of the given users (deleted ones too: lists show who did the work), in one query. */
    public Map<UUID, String> names(TenantId tenant, java.util.Collection<UUID> ids) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, full_name from users where tenant_id = ? and id = any (?)")
                .params(tenant.value(), ids.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return out;
    }

    /** Whether {@code pin} is the user's agent PIN (ACD-2); false when none is set. */
    public boolean agentPinMatches(TenantId tenant, UUID id, String pin) {
        String hash = jdbc.sql("select agent_pin_hash from users where tenant_id = ? and id = ? and deleted_at is null")
                .params(tenant.value(), id).query(String.class).optional().orElse(null);
        return hash != null && pin != null && encoder.matches(pin, hash);
    }

    public UserView get(TenantId tenant, UUID id) {
        return users.find(tenant, id, clock.instant(), false).orElseThrow(() -> new NotFoundException("user", id));
    }

    public UserPage search(TenantId tenant, UserQuery query) {
        String afterName = null;
        UUID afterId = null;
        if (query.after() != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(query.after()), StandardCharsets.UTF_8);
                int sep = decoded.lastIndexOf('\n');
                afterName = decoded.substring(0, sep);
                afterId = UUID.fromString(decoded.substring(sep + 1));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new InvalidInputException("bad_cursor", "after", "The cursor is not one this API returned");
            }
        }
        List<UserView> rows = users.search(tenant, query, afterName, afterId, clock.instant());
        if (rows.size() <= query.limit()) {
            return new UserPage(rows, null);
        }
        List<UserView> page = rows.subList(0, query.limit());
        UserView last = page.get(page.size() - 1);
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.fullName().toLowerCase(java.util.Locale.ROOT) + "\n" + last.id()).getBytes(StandardCharsets.UTF_8));
        return new UserPage(List.copyOf(page), next);
    }

    @Transactional
    public UserView update(TenantId tenant, UUID id, UserChanges changes) {
        UserView before = get(tenant, id);
        if (changes.version() != null && changes.version() != before.version()) {
            throw new ConflictException("stale_version", "version",
                    "The user was changed by someone else (version " + before.version() + "); reload and retry");
        }
        jdbc.sql("""
                update users set full_name = coalesce(?, full_name), email = coalesce(?, email),
                                 extension = coalesce(?, extension), language = coalesce(?, language),
                                 time_zone = coalesce(?, time_zone), agent_pin_hash = coalesce(?, agent_pin_hash),
                                 updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ?
                """)
                .params(changes.fullName(), lower(changes.email()), changes.extension(), changes.language(),
                        changes.timeZone(), changes.agentPin() == null ? null : encoder.encode(changes.agentPin()),
                        Timestamp.from(clock.instant()), tenant.value(), id)
                .update();
        if (changes.roles() != null) {
            jdbc.sql("delete from user_roles where tenant_id = ? and user_id = ?").params(tenant.value(), id).update();
            setRoles(tenant, id, changes.roles());
        }
        if (changes.skills() != null) {
            jdbc.sql("delete from user_skills where tenant_id = ? and user_id = ?").params(tenant.value(), id).update();
            setSkills(tenant, id, changes.skills());
        }
        UserView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "user.update", "user", id, auditState(before), auditState(after)));
        return after;
    }

    @Transactional
    public UserView block(TenantId tenant, UUID actor, UUID id) {
        return setStatus(tenant, actor, id, "blocked", "user.block");
    }

    @Transactional
    public UserView unblock(TenantId tenant, UUID actor, UUID id) {
        return setStatus(tenant, actor, id, "active", "user.unblock");
    }

    /** An admin lifts a lock after failed sign-ins (SEC-2). */
    @Transactional
    public UserView unlock(TenantId tenant, UUID id) {
        UserView before = get(tenant, id);
        accounts.unlock(tenant, id);
        audit.record(AuditEvent.change(tenant, "account.unlock", "user", id, Map.of("locked", before.locked()),
                Map.of("locked", false)));
        return get(tenant, id);
    }

    /** Soft delete (ID-2): the row and its history stay, the login becomes free, tokens are revoked. */
    @Transactional
    public void delete(TenantId tenant, UUID actor, UUID id) {
        UserView before = get(tenant, id);
        refuseSelf(actor, id);
        Instant now = clock.instant();
        jdbc.sql("update users set deleted_at = ?, updated_at = ?, version = version + 1 where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), tenant.value(), id).update();
        jdbc.sql("update auth_tokens set revoked_at = ? where tenant_id = ? and user_id = ? and revoked_at is null")
                .params(Timestamp.from(now), tenant.value(), id).update();
        audit.record(AuditEvent.change(tenant, "user.delete", "user", id, auditState(before), null));
    }

    /** A new one-time password, to be changed at the next sign-in; returned once. */
    @Transactional
    public String resetPassword(TenantId tenant, UUID id) {
        get(tenant, id);
        String oneTime = Tokens.newPassword();
        passwords.set(tenant, id, oneTime, true, "password");
        audit.record(AuditEvent.change(tenant, "user.reset_password", "user", id, null, null));
        return oneTime;
    }

    private UserView setStatus(TenantId tenant, UUID actor, UUID id, String status, String action) {
        UserView before = get(tenant, id);
        refuseSelf(actor, id);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update users set status = ?, updated_at = ?, version = version + 1,
                                 enabled_at = case when ? = 'active' then ? else enabled_at end
                 where tenant_id = ? and id = ?
                """)
                .params(status, now, status, now, tenant.value(), id).update();
        UserView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, action, "user", id, Map.of("status", before.status()),
                Map.of("status", after.status())));
        return after;
    }

    private static void refuseSelf(UUID actor, UUID id) {
        if (id.equals(actor)) {
            throw new ConflictException("self_action", null, "You cannot block or delete your own account");
        }
    }

    private void setRoles(TenantId tenant, UUID id, List<String> codes) {
        for (String code : codes) {
            UUID roleId = roles.findIdByCode(tenant, code)
                    .orElseThrow(() -> new InvalidInputException("unknown_role", "roles", "No role '" + code + "'"));
            roles.assign(tenant, id, roleId);
        }
    }

    private void setSkills(TenantId tenant, UUID id, Map<String, Integer> skills) {
        skills.forEach((skill, level) -> {
            if (level == null || level < 1 || level > 10) {
                throw new InvalidInputException("range", "skills." + skill, "A skill level is 1..10");
            }
            jdbc.sql("insert into user_skills (tenant_id, user_id, skill, level) values (?, ?, ?, ?)")
                    .params(tenant.value(), id, skill, level).update();
        });
    }

    private static Map<String, Object> auditState(UserView u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", u.login());
        m.put("fullName", u.fullName());
        m.put("email", u.email());
        m.put("extension", u.extension());
        m.put("language", u.language());
        m.put("timeZone", u.timeZone());
        m.put("status", u.status());
        m.put("roles", u.roles());
        m.put("skills", u.skills());
        return m;
    }

    private static String lower(String email) {
        return email == null ? null : email.trim().toLowerCase();
    }
}
