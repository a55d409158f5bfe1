package io.linia.identity;

import java.time.Duration;

/**
 * The password, lockout and session rules in force for one tenant (SEC-1..4): the provider's
 * policy, tightened by the tenant where it chose to.
 *
 * @param minLength           minimum password length
 * @param requireLetters      at least one letter
 * @param requireDigits       at least one digit
 * @param requireMixedCase    both upper- and lower-case letters
 * @param requireSymbols      at least one character that is neither letter nor digit
 * @param historySize         a new password may not equal any of this many previous ones
 * @param maxAge              a password older than this must be changed at sign-in; {@code null} = never
 * @param maxFailedLogins     failed sign-ins in a row that lock the account (SEC-2)
 * @param lockoutDuration     how long a lock lasts unless an admin unlocks
 * @param adminIdleTimeout    idle time after which an admin's session ends (SEC-4)
 * @param disableUnusedAfter  accounts unused this long are disabled (SEC-3); {@code null} = never
 */
public record SecurityPolicy(
        int minLength,
        boolean requireLetters,
        boolean requireDigits,
        boolean requireMixedCase,
        boolean requireSymbols,
        int historySize,
        Duration maxAge,
        int maxFailedLogins,
        Duration lockoutDuration,
        Duration adminIdleTimeout,
        Duration disableUnusedAfter) {
}
