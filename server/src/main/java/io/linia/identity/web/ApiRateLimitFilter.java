package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.platform.ratelimit.RateLimiter;
import io.linia.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SEC-9: API requests per caller, one bucket per API token or bearer session, or per user
 * for browser sessions. Over the limit: 429 with {@code Retry-After}. Every answer carries
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining} so well-behaved clients can pace.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ProblemWriter problems;

    ApiRateLimitFilter(RateLimiter limiter, ProblemWriter problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof CurrentUser user)) {
            chain.doFilter(request, response);
            return;
        }
        String key = user.tokenId() != null ? "token:" + user.tokenId() : "user:" + user.userId();
        RateLimiter.Verdict verdict = limiter.acquire(key);
        response.setHeader("RateLimit-Limit", Long.toString(limiter.capacity()));
        response.setHeader("RateLimit-Remaining", Long.toString(verdict.remaining()));
        if (!verdict.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(verdict.retryAfter()));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "Too many API requests; wait " + ProblemResponses.retryAfterSeconds(verdict.retryAfter()) + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
