package io.linia.platform.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (SEC-9), all per minute.
 *
 * @param loginPerAccount sign-in attempts for one tenant + login, whatever the source; slows
 *                        password guessing even from many addresses (the lock of SEC-2 comes
 *                        on top for existing accounts)
 * @param loginPerAddress sign-in attempts from one client address; generous, since a whole
 *                        call center often signs in through one NAT address at shift start
 * @param apiPerCaller    API requests of one signed-in user or API token
 * @param maxKeys         how many keys each limiter remembers at most
 */
@ConfigurationProperties("linia.rate-limit")
public record RateLimitProperties(
        @DefaultValue("10") int loginPerAccount,
        @DefaultValue("300") int loginPerAddress,
        @DefaultValue("1200") int apiPerCaller,
        @DefaultValue("100000") long maxKeys) {
}
