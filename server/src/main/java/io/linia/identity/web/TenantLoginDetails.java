package io.linia.identity.web;

import io.linia.platform.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;

/** The tenant code typed on the login page (or taken from the host name) and the client address. */
public record TenantLoginDetails(String tenantCode, String ip) implements Serializable {

    static TenantLoginDetails from(HttpServletRequest request, TenantFromHost tenantFromHost) {
        String tenant = request.getParameter("tenant");
        if (tenant == null || tenant.isBlank()) {
            tenant = tenantFromHost.tenantOf(request).orElse(null);
        }
        return new TenantLoginDetails(tenant, ClientAddress.of(request));
    }
}
