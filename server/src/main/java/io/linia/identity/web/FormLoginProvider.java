package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.LoginFailedException;
import io.linia.identity.internal.LoginService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/** The login form's tenant + login + password, checked by {@link LoginService}. */
@Component
class FormLoginProvider implements AuthenticationProvider {

    /** Carries our public failure code to the failure handler. */
    static final class LoginFailure extends BadCredentialsException {
        final String code;

        LoginFailure(LoginFailedException e) {
            super(e.getMessage(), e);
            this.code = e.publicCode();
        }
    }

    private final LoginService logins;

    FormLoginProvider(LoginService logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        TenantLoginDetails details = (TenantLoginDetails) authentication.getDetails();
        try {
            CurrentUser user = logins.login(details.tenantCode(), authentication.getName(),
                    (String) authentication.getCredentials(), details.ip());
            return new LiniaAuthentication(user);
        } catch (LoginFailedException e) {
            throw new LoginFailure(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
