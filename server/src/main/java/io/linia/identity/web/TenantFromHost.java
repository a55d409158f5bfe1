package io.linia.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes the tenant from the host name when {@code linia.tenancy.host-suffix} is set: with the
 * suffix {@code .linia.example}, a sign-in at {@code acme.linia.example} is for tenant
 * {@code acme} and the login page does not ask for the tenant.
 */
@Component
public class TenantFromHost {

    private final String suffix;

    TenantFromHost(@Value("${linia.tenancy.host-suffix:}") String suffix) {
        this.suffix = suffix.toLowerCase();
    }

    public Optional<String> tenantOf(HttpServletRequest request) {
        String host = request.getServerName();
        if (suffix.isEmpty() || host == null) {
            return Optional.empty();
        }
        host = host.toLowerCase();
        if (host.endsWith(suffix) && host.length() > suffix.length()) {
            String code = host.substring(0, host.length() - suffix.length());
            return code.contains(".") ? Optional.empty() : Optional.of(code);
        }
        return Optional.empty();
    }
}
