package io.linia.identity;

/**
 * A user search within one tenant (ID-2).
 *
 * @param q         case-insensitive substring of the full name or the login; null = any
 * @param role      role code; null = any
 * @param status    active, blocked, disabled or deleted; null = every user not deleted
 * @param extension exact extension; null = any
 * @param limit     page size 1..200
 * @param after     keyset cursor from the previous page's {@code next}; null = first page
 */
public record UserQuery(String q, String role, String status, String extension, int limit, String after) {
}
