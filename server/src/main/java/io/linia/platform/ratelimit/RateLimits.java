package io.linia.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The application's limiters (SEC-9), sized from {@link RateLimitProperties}. */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits {

    private final RateLimiter loginPerAccount;
    private final RateLimiter loginPerAddress;
    private final RateLimiter apiPerCaller;

    RateLimits(RateLimitProperties properties, Clock clock) {
        Duration minute = Duration.ofMinutes(1);
        this.loginPerAccount = new RateLimiter(properties.loginPerAccount(), minute, clock, properties.maxKeys());
        this.loginPerAddress = new RateLimiter(properties.loginPerAddress(), minute, clock, properties.maxKeys());
        this.apiPerCaller = new RateLimiter(properties.apiPerCaller(), minute, clock, properties.maxKeys());
    }

    /** Sign-in attempts per tenant code + login (case-insensitive). */
    public RateLimiter loginPerAccount() {
        return loginPerAccount;
    }

    /** Sign-in attempts per client address. */
    public RateLimiter loginPerAddress() {
        return loginPerAddress;
    }

    /** API requests per signed-in user or API token. */
    public RateLimiter apiPerCaller() {
        return apiPerCaller;
    }
}
