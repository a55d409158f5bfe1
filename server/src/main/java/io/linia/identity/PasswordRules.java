package io.linia.identity;

import io.linia.platform.InvalidInputException;

/** The character rules of a {@link SecurityPolicy}; each broken rule has its own code. */
public final class PasswordRules {

    /** Longer than any passphrase a person types; Argon2 input stays bounded. */
    public static final int MAX_LENGTH = 128;

    private PasswordRules() {
    }

    public static void check(SecurityPolicy policy, String password, String field) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("required", field, "A password is required");
        }
        if (password.length() < policy.minLength()) {
            throw new InvalidInputException("password_too_short", field,
                    "The password must have at least " + policy.minLength() + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException("password_too_long", field,
                    "The password may have at most " + MAX_LENGTH + " characters");
        }
        if (policy.requireLetters() && password.chars().noneMatch(Character::isLetter)) {
            throw new InvalidInputException("password_needs_letter", field, "The password must contain a letter");
        }
        if (policy.requireDigits() && password.chars().noneMatch(Character::isDigit)) {
            throw new InvalidInputException("password_needs_digit", field, "The password must contain a digit");
        }
        if (policy.requireMixedCase() && (password.chars().noneMatch(Character::isUpperCase)
                || password.chars().noneMatch(Character::isLowerCase))) {
            throw new InvalidInputException("password_needs_mixed_case", field,
                    "The password must contain upper- and lower-case letters");
        }
        if (policy.requireSymbols() && password.chars().allMatch(Character::isLetterOrDigit)) {
            throw new InvalidInputException("password_needs_symbol", field,
                    "The password must contain a character that is neither a letter nor a digit");
        }
    }
}
