package io.linia.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Security rules as set at one level (provider or tenant). {@code null} = not set at this
 * level. Durations in whole days/minutes, as administrators think of them.
 */
public record PolicySettings(
        @Min(8) @Max(128) Integer minLength,
        Boolean requireLetters,
        Boolean requireDigits,
        Boolean requireMixedCase,
        Boolean requireSymbols,
        @Min(0) @Max(24) Integer historySize,
        @Min(1) @Max(3650) Integer maxAgeDays,
        @Min(3) @Max(100) Integer maxFailedLogins,
        @Min(1) @Max(10080) Integer lockoutMinutes,
        @Min(1) @Max(1440) Integer adminIdleMinutes,
        @Min(7) @Max(3650) Integer disableUnusedDays) {

    /** The PCI DSS profile: 12 characters, letters and digits, history 4, lock after 10 tries for 30 min, admin idle 15 min. */
    public static final PolicySettings PCI = new PolicySettings(12, true, true, null, null, 4, 90, 10, 30, 15, 90);

    public static final PolicySettings NONE = new PolicySettings(null, null, null, null, null, null, null, null, null,
            null, null);
}
