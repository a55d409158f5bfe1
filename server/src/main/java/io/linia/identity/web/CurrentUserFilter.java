package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.internal.CurrentUsers;
import io.linia.platform.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import io.linia.identity.SecurityPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For a signed-in request: refreshes a browser session's user from the database (a block,
 * lock or role change applies at once), sets the {@link TenantContext} for the rest of the
 * request, and holds a user who must change the password to the password change.
 */
class CurrentUserFilter extends OncePerRequestFilter {

    /** What a user who must change the password may still reach. */
    private static final Set<String> OPEN_WHILE_CHANGE_REQUIRED = Set.of(
            "/password", "/logout", "/api/v1/auth/password", "/api/v1/auth/me", "/error");

    /** Session attribute: when the session last served a request (epoch ms on the injected clock). */
    static final String LAST_ACTIVITY = "linia.lastActivity";

    private final CurrentUsers users;
    private final ProblemWriter problems;
    private final SecurityPolicies policies;
    private final Duration sessionIdleTimeout;
    private final Clock clock;

    CurrentUserFilter(CurrentUsers users, ProblemWriter problems, SecurityPolicies policies, Duration sessionIdleTimeout,
                      Clock clock) {
        this.users = users;
        this.problems = problems;
        this.policies = policies;
        this.sessionIdleTimeout = sessionIdleTimeout;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof LiniaAuthentication signedIn)) {
            chain.doFilter(request, response);
            return;
        }
        CurrentUser user = signedIn.getPrincipal();
        if (user.tokenId() == null) {
            Optional<CurrentUser> fresh = users.load(user.tenantId(), user.userId(), null, null, clock.instant());
            if (fresh.isEmpty()) {
                endSession(request);
                chain.doFilter(request, response);
                return;
            }
            user = fresh.get();
            if (idleTooLong(request, user)) {
                endSession(request);
                if (ApiPaths.isApi(request)) {
                    problems.write(response, HttpStatus.UNAUTHORIZED, "session_expired",
                            "The session ended after a period without activity; sign in again");
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?error=session_expired");
                }
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new LiniaAuthentication(user));
            SecurityContextHolder.setContext(context);
        }
        if (user.mustChangePassword() && !OPEN_WHILE_CHANGE_REQUIRED.contains(request.getServletPath())
                && !isStatic(request.getServletPath())) {
            if (ApiPaths.isApi(request)) {
                problems.write(response, HttpStatus.FORBIDDEN, "password_change_required",
                        "Change the password first: POST /api/v1/auth/password");
            } else {
                response.sendRedirect(request.getContextPath() + "/password");
            }
            return;
        }
        TenantContext.set(user.tenantId());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    /**
     * SEC-4: an administrator's session ends after the tenant's admin idle timeout, anyone
     * else's after {@code linia.security.session-idle-timeout}; measured on the injected clock.
     */
    private boolean idleTooLong(HttpServletRequest request, CurrentUser user) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Instant now = clock.instant();
        Object last = session.getAttribute(LAST_ACTIVITY);
        session.setAttribute(LAST_ACTIVITY, now.toEpochMilli());
        if (!(last instanceof Long lastMillis)) {
            return false;
        }
        Duration limit = user.isAdmin() ? policies.effective(user.tenantId()).adminIdleTimeout() : sessionIdleTimeout;
        return Instant.ofEpochMilli(lastMillis).plus(limit).isBefore(now);
    }

    private static boolean isStatic(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
    }

    private static void endSession(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            session.invalidate();
        }
    }
}
