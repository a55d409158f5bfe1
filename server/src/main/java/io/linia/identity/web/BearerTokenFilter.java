package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.internal.TokenService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer lin_…} — a sign-in token or an API token (ID-5). A presented
 * token that is unknown, expired or revoked is answered 401 at once, never passed on as
 * anonymous. Nothing is kept in the HTTP session.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final TokenService tokens;
    private final ProblemWriter problems;
    private final io.linia.identity.NetworkPolicyService networks;

    BearerTokenFilter(TokenService tokens, ProblemWriter problems, io.linia.identity.NetworkPolicyService networks) {
        this.tokens = tokens;
        this.problems = problems;
        this.networks = networks;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String raw = request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim();
        Optional<CurrentUser> user;
        try {
            user = tokens.authenticate(raw);
        } catch (TokenService.IdleTimeoutException e) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "session_expired",
                    "The session ended after a period without activity; sign in again");
            return;
        }
        if (user.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "invalid_token",
                    "The bearer token is unknown, expired or revoked, or its user may not sign in");
            return;
        }
        if (!networks.allows(user.get().tenantId(), io.linia.platform.web.ClientAddress.of(request))) {
            problems.write(response, HttpStatus.FORBIDDEN, "ip_not_allowed",
                    "API access from this address is not allowed for this tenant (SEC-8)");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new LiniaAuthentication(user.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
