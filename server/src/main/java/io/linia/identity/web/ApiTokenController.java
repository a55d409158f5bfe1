package io.linia.identity.web;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.UserService;
import io.linia.identity.internal.TokenRepository;
import io.linia.identity.internal.TokenService;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens for integrations (ID-5): they act as a user of the tenant, limited to the given
 * scopes, optionally expiring, revocable; the secret is shown once and stored only hashed.
 */
@RestController
@RequestMapping("/api/v1/api-tokens")
@Tag(name = "API tokens")
class ApiTokenController {

    record NewToken(@NotBlank @Size(max = 100) String name, UUID userId,
                    @NotEmpty @Size(max = 40) List<@NotBlank String> scopes, Instant expiresAt) {
    }

    record TokenInfo(UUID id, String name, UUID userId, List<String> scopes, Instant createdAt, Instant expiresAt,
                     Instant lastUsedAt, Instant revokedAt) {
    }

    record Issued(String token, TokenInfo info) {
    }

    private final TokenService tokens;
    private final TokenRepository repository;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokenController(TokenService tokens, TokenRepository repository, UserService users, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.repository = repository;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('API_TOKEN_MANAGE')")
    @Transactional
    @Operation(summary = "Create an API token; the token is in this answer only")
    Issued create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody NewToken r) {
        UUID userId = r.userId() != null ? r.userId() : me.userId();
        try {
            users.get(me.tenantId(), userId);
        } catch (NotFoundException e) {
            throw new InvalidInputException("unknown_user", "userId", "No user " + userId + " in this tenant");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (int i = 0; i < r.scopes().size(); i++) {
            String scope = r.scopes().get(i);
            try {
                Permission.valueOf(scope);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown_permission", "scopes[" + i + "]", "No permission '" + scope + "'");
            }
            scopes.add(scope);
        }
        if (r.expiresAt() != null && !r.expiresAt().isAfter(clock.instant())) {
            throw new InvalidInputException("in_past", "expiresAt", "The expiry must be in the future");
        }
        TokenService.IssuedToken issued = tokens.issueApiToken(me, userId, r.name().trim(), scopes, r.expiresAt());
        audit.record(AuditEvent.change(me.tenantId(), "api_token.create", "api_token", issued.id(), null,
                Map.of("name", r.name().trim(), "userId", userId.toString(), "scopes", List.copyOf(scopes))));
        return new Issued(issued.token(), info(me, issued.id()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('API_TOKEN_MANAGE')")
    List<TokenInfo> list(@AuthenticationPrincipal CurrentUser me) {
        return repository.listApiTokens(me.tenantId()).stream().map(ApiTokenController::info).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('API_TOKEN_MANAGE')")
    @Transactional
    @Operation(summary = "Revoke an API token at once")
    void revoke(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        TokenInfo before = info(me, id);
        repository.revoke(me.tenantId(), id, clock.instant());
        audit.record(AuditEvent.change(me.tenantId(), "api_token.revoke", "api_token", id,
                Map.of("name", before.name()), Map.of("revoked", true)));
    }

    private TokenInfo info(CurrentUser me, UUID id) {
        return repository.findApiToken(me.tenantId(), id).map(ApiTokenController::info).orElseThrow(() -> new NotFoundException("api token", id));
    }

    private static TokenInfo info(TokenRepository.StoredToken t) {
        return new TokenInfo(t.id(), t.name(), t.userId(), t.scopes() == null ? List.of() : t.scopes().stream().sorted().toList(),
                t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt());
    }
}
