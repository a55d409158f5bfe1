package io.linia.identity.web;

import io.linia.identity.internal.CurrentUsers;
import io.linia.identity.internal.TokenService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Browser pages sign in with the login form and a session cookie (CSRF
 * protected); API clients send a bearer token (no cookie, so no CSRF). Permissions are checked
 * on each endpoint with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, TokenService tokens, CurrentUsers users,
                                            ProblemWriter problems, TenantFromHost tenantFromHost,
                                            FormLoginProvider formLogin, io.linia.identity.SecurityPolicies policies,
                                            io.linia.identity.internal.SecurityProperties securityProperties,
                                            io.linia.identity.NetworkPolicyService networks,
                                            Clock clock, io.linia.platform.ratelimit.RateLimits limits) throws Exception {
        RequestMatcher api = ApiPaths::isApi;
        RequestMatcher bearer = BearerTokenFilter::hasBearer;
        http
            .authorizeHttpRequests(a -> a
                .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                .anyRequest().authenticated())
            .authenticationProvider(formLogin)
            .formLogin(f -> f
                .loginPage("/login")
                .authenticationDetailsSource(request -> TenantLoginDetails.from(request, tenantFromHost))
                .successHandler((request, response, auth) -> {
                    io.linia.identity.CurrentUser user = ((LiniaAuthentication) auth).getPrincipal();
                    // an operator's working day starts at the workstation (WS-1); other roles at home
                    String landing = user.can(io.linia.identity.Permission.CALLS_HANDLE) ? "/workstation" : "/";
                    response.sendRedirect(request.getContextPath() + (user.mustChangePassword() ? "/password" : landing));
                })
                .failureHandler((request, response, e) -> {
                    String code = e instanceof FormLoginProvider.LoginFailure failure ? failure.code : "bad_credentials";
                    String tenant = request.getParameter("tenant");
                    response.sendRedirect(request.getContextPath() + "/login?error=" + code
                            + (tenant == null || tenant.isBlank() ? "" : "&tenant=" + java.net.URLEncoder.encode(tenant, java.nio.charset.StandardCharsets.UTF_8)));
                }))
            .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            // CSRF abuses the browser's ambient session cookie: an API request that carries a
            // bearer token, or no session at all, has nothing to abuse (it gets 401 instead)
            .csrf(c -> c.ignoringRequestMatchers(bearer,
                    new AndRequestMatcher(api, request -> request.getRequestedSessionId() == null),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/token")))
            .headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
            .exceptionHandling(e -> e
                .defaultAuthenticationEntryPointFor((request, response, ex) -> problems.write(response,
                        HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first: send a bearer token"), api)
                .defaultAccessDeniedHandlerFor((request, response, ex) -> problems.write(response,
                        HttpStatus.FORBIDDEN, "forbidden", "You do not have the permission for this"), api))
            .addFilterBefore(new BearerTokenFilter(tokens, problems, networks), UsernamePasswordAuthenticationFilter.class)
            .addFilterBefore(new CurrentUserFilter(users, problems, policies,
                    securityProperties.sessionIdleTimeout(), clock), AuthorizationFilter.class)
            .addFilterAfter(new ApiRateLimitFilter(limits.apiPerCaller(), problems), CurrentUserFilter.class);
        return http.build();
    }
}
