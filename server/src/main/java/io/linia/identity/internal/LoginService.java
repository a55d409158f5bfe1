package io.linia.identity.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.CurrentUser;
import io.linia.identity.LoginFailedException;
import io.linia.identity.LoginFailedException.Reason;
import io.linia.identity.SecurityPolicies;
import io.linia.identity.SecurityPolicy;
import io.linia.identity.Tenant;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.ratelimit.RateLimiter;
import io.linia.platform.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a tenant code, login and password (the browser form and {@code POST /api/v1/auth/token}
 * both come here). Every attempt is audited with its precise result (AUD-1); failed attempts
 * count towards the lock (SEC-2); an expired password makes the change mandatory (SEC-1).
 *
 * <p>Not transactional on purpose: the failure counter and the audit entry of a failed
 * attempt must be kept although the attempt itself fails.
 */
@Service
public class LoginService {

    /** Compared against when the user does not exist, so both paths cost one Argon2 check. */
    private final String dummyHash;

    private final TenantRepository tenants;
    private final AccountRepository accounts;
    private final SecurityPolicies policies;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final io.linia.identity.NetworkPolicyService networks;
    private final Clock clock;
    private final RateLimits limits;

    LoginService(TenantRepository tenants, AccountRepository accounts, SecurityPolicies policies,
                 PasswordEncoder encoder, AuditLog audit, io.linia.identity.NetworkPolicyService networks, Clock clock,
                 RateLimits limits) {
        this.limits = limits;
        this.networks = networks;
        this.tenants = tenants;
        this.accounts = accounts;
        this.policies = policies;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = encoder.encode("linia-dummy-password");
    }

    public CurrentUser login(String tenantCode, String login, String password, String ip) {
        Optional<Tenant> tenant = tenantCode == null || tenantCode.isBlank()
                ? Optional.empty() : tenants.findByCode(tenantCode.trim());
        throttle(tenant.map(Tenant::id).orElse(null), tenantCode, login, ip);
        if (tenant.isEmpty()) {
            encoder.matches(password == null ? "" : password, dummyHash);
            throw fail(null, null, login, ip, Reason.UNKNOWN_TENANT);
        }
        TenantId tenantId = tenant.get().id();
        return TenantContext.as(tenantId, () -> loginInTenant(tenant.get(), login, password, ip));
    }

    private CurrentUser loginInTenant(Tenant tenant, String login, String password, String ip) {
        TenantId tenantId = tenant.id();
        if (!tenant.active()) {
            throw fail(tenantId, null, login, ip, Reason.TENANT_SUSPENDED);
        }
        if (!networks.allows(tenantId, ip)) {
            throw fail(tenantId, null, login, ip, Reason.IP_NOT_ALLOWED);
        }
        Optional<Account> found = login == null ? Optional.empty() : accounts.findByLogin(tenantId, login.trim());
        if (found.isEmpty() || found.get().passwordHash() == null) {
            encoder.matches(password == null ? "" : password, dummyHash);
            throw fail(tenantId, null, login, ip, Reason.UNKNOWN_USER);
        }
        Account account = found.get();
        Instant now = clock.instant();
        SecurityPolicy policy = policies.effective(tenantId);
        if (account.lockedAt(now)) {
            throw fail(tenantId, account, login, ip, Reason.LOCKED);
        }
        if ("blocked".equals(account.status())) {
            throw fail(tenantId, account, login, ip, Reason.BLOCKED);
        }
        if ("disabled".equals(account.status())) {
            throw fail(tenantId, account, login, ip, Reason.DISABLED);
        }
        if (password == null || !encoder.matches(password, account.passwordHash())) {
            boolean locked = accounts.recordFailure(tenantId, account.id(), policy.maxFailedLogins(),
                    now.plus(policy.lockoutDuration()));
            if (locked) {
                audit.record(new AuditEvent(tenantId, account.id(), account.login(), ip, "account.lock", "user",
                        account.id().toString(), "success", null, null));
            }
            throw fail(tenantId, account, login, ip, Reason.WRONG_PASSWORD);
        }
        accounts.recordSuccess(tenantId, account.id(), now);
        boolean expired = policy.maxAge() != null && account.passwordChangedAt() != null
                && account.passwordChangedAt().plus(policy.maxAge()).isBefore(now);
        if (expired && !account.mustChangePassword()) {
            // kept in the account, so every session and token of the user is held to the change
            accounts.requirePasswordChange(tenantId, account.id());
        }
        audit.record(new AuditEvent(tenantId, account.id(), account.login(), ip, "login", "user",
                account.id().toString(), "success", null, null));
        return new CurrentUser(tenantId, tenant.code(), account.id(), account.login(), account.fullName(),
                account.language() != null ? account.language() : tenant.defaultLanguage(),
                accounts.permissions(tenantId, account.id()), account.mustChangePassword() || expired, null);
    }

    /**
     * SEC-9: checked before the password, so a flood costs no Argon2 work. The account key
     * is the tenant code and login as typed (lower case), existing or not, so guessing is
     * slowed the same for real and invented logins.
     */
    private void throttle(TenantId tenant, String tenantCode, String login, String ip) {
        RateLimiter.Verdict byAddress = limits.loginPerAddress().acquire(String.valueOf(ip));
        RateLimiter.Verdict byAccount = byAddress.allowed()
                ? limits.loginPerAccount().acquire(key(tenantCode) + "\n" + key(login))
                : byAddress;
        if (!byAccount.allowed()) {
            AuditEvent event = new AuditEvent(tenant, null, truncate(login), ip, "login", "user", null,
                    Reason.RATE_LIMITED.name().toLowerCase(), null, null);
            if (tenant == null) {
                audit.record(event);
            } else {
                TenantContext.as(tenant, () -> audit.record(event));
            }
            throw new LoginFailedException(Reason.RATE_LIMITED, byAccount.retryAfter());
        }
    }

    private static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase();
    }

    private LoginFailedException fail(TenantId tenant, Account account, String login, String ip, Reason reason) {
        audit.record(new AuditEvent(tenant, account == null ? null : account.id(),
                account == null ? truncate(login) : account.login(), ip, "login",
                "user", account == null ? null : account.id().toString(), reason.name().toLowerCase(), null, null));
        return new LoginFailedException(reason);
    }

    private static String truncate(String login) {
        if (login == null) {
            return null;
        }
        return login.length() > 100 ? login.substring(0, 100) : login;
    }
}
