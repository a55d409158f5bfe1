package io.linia.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform defaults of the security rules (SEC-1..4), used until the provider stores a policy.
 *
 * @param passwordMinLength      minimum password length; 10 is NIST-ish for staff accounts
 * @param passwordHistory        previous passwords a new one may not repeat
 * @param passwordMaxAge         age after which a password must be changed; 0 = never
 * @param maxFailedLogins        failed sign-ins that lock an account (SEC-2 default 6)
 * @param lockoutDuration        length of a lock (SEC-2 default 30 min)
 * @param adminIdleTimeout       idle time that ends an admin's session (SEC-4 default 15 min)
 * @param disableUnusedAfter     accounts unused this long are disabled (SEC-3); 0 = never
 * @param tokenTtl               lifetime of a bearer token from {@code POST /api/v1/auth/token}
 * @param sessionIdleTimeout     idle time that ends any session (not only admins')
 */
@ConfigurationProperties("linia.security")
public record SecurityProperties(
        @DefaultValue("10") int passwordMinLength,
        @DefaultValue("3") int passwordHistory,
        @DefaultValue("0d") Duration passwordMaxAge,
        @DefaultValue("6") int maxFailedLogins,
        @DefaultValue("30m") Duration lockoutDuration,
        @DefaultValue("15m") Duration adminIdleTimeout,
        @DefaultValue("90d") Duration disableUnusedAfter,
        @DefaultValue("12h") Duration tokenTtl,
        @DefaultValue("8h") Duration sessionIdleTimeout) {
}
