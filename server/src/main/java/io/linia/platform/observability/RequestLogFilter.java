package io.linia.platform.observability;

import io.linia.platform.web.ClientAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One {@code type=request} log line per HTTP request with the OPS-5 request fields, and the
 * request's id, client address and operation in the MDC of every line logged meanwhile.
 * {@code X-Request-Id} is taken from the caller when it is a sane token and always echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestLogFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger log = LoggerFactory.getLogger("io.linia.request");

    private final java.time.Clock clock;

    RequestLogFilter(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String requestId = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        MDC.put("request_id", requestId);
        MDC.put("ip", ClientAddress.of(request));
        MDC.put("operation_phase_id", "start");
        long started = clock.millis();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!quiet(request.getRequestURI())) {
                Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                MDC.put("type", "request");
                MDC.put("operation_id", request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI()));
                MDC.put("operation_phase_id", "end");
                MDC.put("status", Integer.toString(response.getStatus()));
                MDC.put("request_length", Long.toString(Math.max(request.getContentLengthLong(), 0)));
                MDC.put("duration_ms", Long.toString(clock.millis() - started));
                log.info("{} {} {}", request.getMethod(), request.getRequestURI(), response.getStatus());
            }
            MDC.clear();
        }
    }

    /** Probes, scrapes and static files would drown the useful lines. */
    private static boolean quiet(String uri) {
        return uri.startsWith("/actuator/") || uri.startsWith("/css/") || uri.startsWith("/js/")
                || uri.startsWith("/webjars/") || uri.equals("/favicon.ico");
    }
}
