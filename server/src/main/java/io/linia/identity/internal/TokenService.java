package io.linia.identity.internal;

import io.linia.identity.CurrentUser;
import io.linia.platform.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Issues bearer tokens and turns a presented token back into a {@link CurrentUser}. */
@Service
public class TokenService {

    /** A newly issued token: the raw value is shown once and never stored. */
    public record IssuedToken(UUID id, String token, Instant expiresAt) {
    }

    /**
     * last_used_at is written at most this often per token, not on every request; the admin
     * idle timeout (SEC-4) of sign-in tokens is therefore exact to within this much.
     */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(15);

    /** Thrown when a sign-in token of an administrator has been idle too long (SEC-4). */
    public static final class IdleTimeoutException extends RuntimeException {
        IdleTimeoutException() {
            super("The session ended after a period without activity", null, false, false);
        }
    }

    private final TokenRepository tokens;
    private final CurrentUsers users;
    private final SecurityProperties properties;
    private final io.linia.identity.SecurityPolicies policies;
    private final Clock clock;

    TokenService(TokenRepository tokens, CurrentUsers users, SecurityProperties properties,
                 io.linia.identity.SecurityPolicies policies, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.policies = policies;
        this.clock = clock;
    }

    /** A sign-in token for {@code POST /api/v1/auth/token}: the user's full permissions, limited lifetime. */
    public IssuedToken issueSessionToken(CurrentUser user) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenTtl());
        String raw = Tokens.newToken();
        UUID id = TenantContext.as(user.tenantId(), () -> tokens.insert(user.tenantId(), user.userId(), "session",
                null, null, Tokens.hash(raw), now, expires, user.userId()));
        return new IssuedToken(id, raw, expires);
    }

    /** An API token (ID-5): named, optionally scoped and expiring, revocable. */
    public IssuedToken issueApiToken(CurrentUser creator, UUID forUser, String name, Set<String> scopes, Instant expiresAt) {
        Instant now = clock.instant();
        String raw = Tokens.newToken();
        UUID id = tokens.insert(creator.tenantId(), forUser, "api", name, scopes, Tokens.hash(raw), now, expiresAt,
                creator.userId());
        return new IssuedToken(id, raw, expiresAt);
    }

    /**
     * The user a presented token stands for, or empty if unknown, expired, revoked or the user
     * may not sign in.
     *
     * @throws IdleTimeoutException for an administrator's sign-in token unused for longer than
     *                              the tenant's admin idle timeout; the token is revoked
     */
    public Optional<CurrentUser> authenticate(String raw) {
        if (raw == null || !raw.startsWith(Tokens.PREFIX) || raw.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<TokenRepository.StoredToken> stored = TenantContext.asSystem(() -> tokens.findByHash(Tokens.hash(raw)));
        if (stored.isEmpty() || !stored.get().usableAt(now)) {
            return Optional.empty();
        }
        TokenRepository.StoredToken token = stored.get();
        Optional<CurrentUser> user = users.load(token.tenantId(), token.userId(), token.scopes(), token.id(), now);
        if (user.isPresent() && "session".equals(token.kind()) && user.get().isAdmin()) {
            Instant lastActive = token.lastUsedAt() != null ? token.lastUsedAt() : token.createdAt();
            if (lastActive.plus(policies.effective(token.tenantId()).adminIdleTimeout()).isBefore(now)) {
                TenantContext.as(token.tenantId(), () -> tokens.revoke(token.tenantId(), token.id(), now));
                throw new IdleTimeoutException();
            }
        }
        if (user.isPresent() && (token.lastUsedAt() == null || token.lastUsedAt().plus(TOUCH_EVERY).isBefore(now))) {
            TenantContext.as(token.tenantId(), () -> tokens.touch(token.tenantId(), token.id(), now));
        }
        return user;
    }

    /** The stored token, for checks such as the admin idle timeout. */
    public Optional<TokenRepository.StoredToken> find(String raw) {
        return TenantContext.asSystem(() -> tokens.findByHash(Tokens.hash(raw)));
    }
}
