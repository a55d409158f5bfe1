package io.linia.platform.web;

import io.linia.platform.LiniaException;
import io.linia.platform.web.ProblemResponses.FieldError;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every error of the REST API to a problem body naming the code and field (STYLE.md
 * habit 10). Bad input is a 4xx, never a 500; an unexpected fault is a 500 with no internals.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(LiniaException.class)
    org.springframework.http.ResponseEntity<ProblemDetail> domain(LiniaException e) {
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.code(), e.field(), e.getMessage());
        var response = org.springframework.http.ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(org.springframework.http.HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(e.retryAfter()));
        }
        return response.body(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), validationCode(f.getCode()), f.getDefaultMessage()))
                .collect(Collectors.toList());
        e.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(new FieldError(g.getObjectName(), validationCode(g.getCode()), g.getDefaultMessage())));
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return ProblemResponses.invalid(HttpStatus.BAD_REQUEST, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldError(
                        // a field of a validated body names itself; a plain parameter is named by the parameter
                        err instanceof org.springframework.validation.FieldError fe ? fe.getField()
                                : r.getMethodParameter().getParameterName(),
                        validationCode(err.getCodes() == null ? null : err.getCodes()[err.getCodes().length - 1]),
                        err.getDefaultMessage())))
                .toList();
        return ProblemResponses.invalid(HttpStatus.BAD_REQUEST, errors);
    }

    /** Method validation through a {@code @Validated} proxy: the last path node is the parameter. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraintViolation(jakarta.validation.ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    String field = path.substring(path.lastIndexOf('.') + 1);
                    String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                    return new FieldError(field, validationCode(constraint), v.getMessage());
                })
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return ProblemResponses.invalid(HttpStatus.BAD_REQUEST, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "unknown_field", path(u),
                    "Unknown field '" + path(u) + "'");
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            DatabindException d = (DatabindException) cause;
            String field = path(d);
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "wrong_type", field.isEmpty() ? null : field,
                    field.isEmpty() ? "The request body has the wrong shape" : "Field '" + field + "' has the wrong type");
        }
        if (cause instanceof JacksonException) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed_json", null, "The request body is not valid JSON");
        }
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "unreadable_body", null, "The request body is missing or unreadable");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "required", e.getParameterName(),
                "Parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "wrong_type", e.getName(),
                "Parameter '" + e.getName() + "' has the wrong type");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", null,
                "Send the body as application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", null, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "not_found", null, "No such resource");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", null, "You do not have the permission for this");
    }

    /** A unique index caught a race the service check missed: still a 409, never a 500. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "duplicate", null, "An object with the same key already exists");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        log.warn("Integrity violation reached the web edge", e);
        return ProblemResponses.problem(HttpStatus.CONFLICT, "integrity_violation", null, "The change conflicts with existing data");
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** Bean Validation constraint names to our stable codes. */
    private static String validationCode(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size", "Length" -> "length";
            case "Pattern" -> "format";
            case "Email" -> "email";
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "range";
            default -> "invalid";
        };
    }
}
