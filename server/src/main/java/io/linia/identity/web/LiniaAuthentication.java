package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A signed-in {@link CurrentUser}; its permissions are the granted authorities. */
public final class LiniaAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    public LiniaAuthentication(CurrentUser user) {
        super(authorities(user));
        this.user = user;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(CurrentUser user) {
        return user.permissions().stream().<GrantedAuthority>map(p -> new SimpleGrantedAuthority(p.name())).toList();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.login();
    }
}
