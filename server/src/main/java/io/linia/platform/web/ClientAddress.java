package io.linia.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's IP address. Behind a proxy, Spring's forwarded-header handling
 * ({@code server.forward-headers-strategy}) has already put the client's address in
 * {@link HttpServletRequest#getRemoteAddr()}, so that is the only source trusted here.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /** The address of the request on this thread, or {@code null} outside a request. */
    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return of(attrs.getRequest());
        }
        return null;
    }
}
