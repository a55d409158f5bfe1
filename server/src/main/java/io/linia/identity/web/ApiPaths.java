package io.linia.identity.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are API calls (JSON problems, 401 instead of a redirect to the login page,
 * rate limits): {@code /api/**}, and the real-time contracts that keep the reference product's
 * paths (RT-1 {@code /calls/statistics/current}, RT-2 {@code /rest/status/statistics}, RT-3
 * {@code /websocket}).
 */
final class ApiPaths {

    private ApiPaths() {
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/api/") || path.startsWith("/calls/") || path.startsWith("/rest/")
                || path.equals("/websocket");
    }
}
