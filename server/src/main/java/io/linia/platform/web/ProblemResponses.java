package io.linia.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem bodies with Linia's extra members: a stable {@code code}, the
 * offending {@code field}, and for several at once {@code errors: [{field, code, message}]}.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://linia.io/problems/" + code.replace('_', '-')));
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public static ProblemDetail invalid(HttpStatusCode status, List<FieldError> errors) {
        FieldError first = errors.get(0);
        ProblemDetail problem = problem(status, first.code(), first.field(),
                errors.size() == 1 ? first.message() : errors.size() + " fields are invalid; first: " + first.field() + " " + first.message());
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
                .toList());
        return problem;
    }

    /** One invalid input. */
    public record FieldError(String field, String code, String message) {
    }

    /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
    public static String retryAfterSeconds(java.time.Duration wait) {
        long millis = wait.toMillis();
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
