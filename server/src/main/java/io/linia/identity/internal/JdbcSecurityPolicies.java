package io.linia.identity.internal;

import io.linia.identity.PolicySettings;
import io.linia.identity.SecurityPolicies;
import io.linia.identity.SecurityPolicy;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SEC-1..4 policies stored per level: platform defaults ({@link SecurityProperties}) ← the
 * provider's settings ← the tenant's, where a tenant may only tighten. The effective policy is
 * asked for on every sign-in and request, so it is cached until a policy changes.
 */
@Service
public class JdbcSecurityPolicies implements SecurityPolicies {

    public static final UUID PROVIDER_SCOPE = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final SecurityProperties defaults;
    private final Clock clock;
    private final Map<TenantId, SecurityPolicy> cache = new ConcurrentHashMap<>();

    JdbcSecurityPolicies(JdbcClient jdbc, SecurityProperties defaults, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.clock = clock;
    }

    @Override
    public SecurityPolicy effective(TenantId tenant) {
        return cache.computeIfAbsent(tenant, t -> TenantContext.as(t, () ->
                tighten(providerPolicy(), settings(t.value()))));
    }

    /** The provider's policy: platform defaults overridden by the provider's settings. */
    public SecurityPolicy providerPolicy() {
        PolicySettings p = settings(PROVIDER_SCOPE);
        SecurityPolicy d = platformDefaults();
        return new SecurityPolicy(
                or(p.minLength(), d.minLength()), or(p.requireLetters(), d.requireLetters()),
                or(p.requireDigits(), d.requireDigits()), or(p.requireMixedCase(), d.requireMixedCase()),
                or(p.requireSymbols(), d.requireSymbols()), or(p.historySize(), d.historySize()),
                p.maxAgeDays() != null ? Duration.ofDays(p.maxAgeDays()) : d.maxAge(),
                or(p.maxFailedLogins(), d.maxFailedLogins()),
                p.lockoutMinutes() != null ? Duration.ofMinutes(p.lockoutMinutes()) : d.lockoutDuration(),
                p.adminIdleMinutes() != null ? Duration.ofMinutes(p.adminIdleMinutes()) : d.adminIdleTimeout(),
                p.disableUnusedDays() != null ? Duration.ofDays(p.disableUnusedDays()) : d.disableUnusedAfter());
    }

    public PolicySettings settings(UUID scope) {
        return jdbc.sql("select * from security_policies where scope_id = ?").param(scope)
                .query(JdbcSecurityPolicies::map).optional().orElse(PolicySettings.NONE);
    }

    /** Stores the provider's settings (system scope: the provider row belongs to no tenant). */
    public void saveProvider(PolicySettings settings) {
        TenantContext.asSystem(() -> save(PROVIDER_SCOPE, settings));
    }

    /** Stores a tenant's settings; any value weaker than the provider's is refused naming the field. */
    public void saveTenant(TenantId tenant, PolicySettings s, boolean refuseWeaker) {
        if (refuseWeaker) {
            SecurityPolicy p = providerPolicy();
            weaker(s.minLength() != null && s.minLength() < p.minLength(), "minLength", p.minLength());
            weaker(Boolean.FALSE.equals(s.requireLetters()) && p.requireLetters(), "requireLetters", true);
            weaker(Boolean.FALSE.equals(s.requireDigits()) && p.requireDigits(), "requireDigits", true);
            weaker(Boolean.FALSE.equals(s.requireMixedCase()) && p.requireMixedCase(), "requireMixedCase", true);
            weaker(Boolean.FALSE.equals(s.requireSymbols()) && p.requireSymbols(), "requireSymbols", true);
            weaker(s.historySize() != null && s.historySize() < p.historySize(), "historySize", p.historySize());
            weaker(s.maxAgeDays() != null && p.maxAge() != null && s.maxAgeDays() > p.maxAge().toDays(), "maxAgeDays", p.maxAge());
            weaker(s.maxFailedLogins() != null && s.maxFailedLogins() > p.maxFailedLogins(), "maxFailedLogins", p.maxFailedLogins());
            weaker(s.lockoutMinutes() != null && s.lockoutMinutes() < p.lockoutDuration().toMinutes(), "lockoutMinutes",
                    p.lockoutDuration().toMinutes());
            weaker(s.adminIdleMinutes() != null && s.adminIdleMinutes() > p.adminIdleTimeout().toMinutes(),
                    "adminIdleMinutes", p.adminIdleTimeout().toMinutes());
            weaker(s.disableUnusedDays() != null && p.disableUnusedAfter() != null
                    && s.disableUnusedDays() > p.disableUnusedAfter().toDays(), "disableUnusedDays", p.disableUnusedAfter());
        }
        TenantContext.as(tenant, () -> save(tenant.value(), s));
    }

    private static void weaker(boolean weaker, String field, Object provider) {
        if (weaker) {
            throw new InvalidInputException("weaker_than_provider", field,
                    "A tenant may only tighten the provider's policy; the provider's value is " + provider);
        }
    }

    private void save(UUID scope, PolicySettings s) {
        jdbc.sql("""
                insert into security_policies (scope_id, min_length, require_letters, require_digits, require_mixed_case,
                    require_symbols, history_size, max_age_days, max_failed_logins, lockout_minutes, admin_idle_minutes,
                    disable_unused_days, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (scope_id) do update set min_length = excluded.min_length,
                    require_letters = excluded.require_letters, require_digits = excluded.require_digits,
                    require_mixed_case = excluded.require_mixed_case, require_symbols = excluded.require_symbols,
                    history_size = excluded.history_size, max_age_days = excluded.max_age_days,
                    max_failed_logins = excluded.max_failed_logins, lockout_minutes = excluded.lockout_minutes,
                    admin_idle_minutes = excluded.admin_idle_minutes, disable_unused_days = excluded.disable_unused_days,
                    updated_at = excluded.updated_at
                """)
                .params(scope, s.minLength(), s.requireLetters(), s.requireDigits(), s.requireMixedCase(),
                        s.requireSymbols(), s.historySize(), s.maxAgeDays(), s.maxFailedLogins(), s.lockoutMinutes(),
                        s.adminIdleMinutes(), s.disableUnusedDays(), Timestamp.from(clock.instant()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.clear();
                }
            });
        }
        cache.clear();
    }

    /** Each rule of the tenant's settings replaces the provider's only where it is stricter. */
    static SecurityPolicy tighten(SecurityPolicy p, PolicySettings t) {
        return new SecurityPolicy(
                Math.max(p.minLength(), or(t.minLength(), 0)),
                p.requireLetters() || Boolean.TRUE.equals(t.requireLetters()),
                p.requireDigits() || Boolean.TRUE.equals(t.requireDigits()),
                p.requireMixedCase() || Boolean.TRUE.equals(t.requireMixedCase()),
                p.requireSymbols() || Boolean.TRUE.equals(t.requireSymbols()),
                Math.max(p.historySize(), or(t.historySize(), 0)),
                shorter(p.maxAge(), t.maxAgeDays() == null ? null : Duration.ofDays(t.maxAgeDays())),
                Math.min(p.maxFailedLogins(), or(t.maxFailedLogins(), Integer.MAX_VALUE)),
                t.lockoutMinutes() == null ? p.lockoutDuration()
                        : max(p.lockoutDuration(), Duration.ofMinutes(t.lockoutMinutes())),
                shorter(p.adminIdleTimeout(), t.adminIdleMinutes() == null ? null : Duration.ofMinutes(t.adminIdleMinutes())),
                shorter(p.disableUnusedAfter(), t.disableUnusedDays() == null ? null : Duration.ofDays(t.disableUnusedDays())));
    }

    private SecurityPolicy platformDefaults() {
        return new SecurityPolicy(defaults.passwordMinLength(), true, true, false, false, defaults.passwordHistory(),
                positiveOrNull(defaults.passwordMaxAge()), defaults.maxFailedLogins(), defaults.lockoutDuration(),
                defaults.adminIdleTimeout(), positiveOrNull(defaults.disableUnusedAfter()));
    }

    /** The shorter of two limits where {@code null} means "no limit". */
    private static Duration shorter(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Duration positiveOrNull(Duration d) {
        return d == null || d.isZero() || d.isNegative() ? null : d;
    }

    private static PolicySettings map(ResultSet rs, int i) throws SQLException {
        return new PolicySettings(integer(rs, "min_length"), bool(rs, "require_letters"), bool(rs, "require_digits"),
                bool(rs, "require_mixed_case"), bool(rs, "require_symbols"), integer(rs, "history_size"),
                integer(rs, "max_age_days"), integer(rs, "max_failed_logins"), integer(rs, "lockout_minutes"),
                integer(rs, "admin_idle_minutes"), integer(rs, "disable_unused_days"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
