package io.linia.acd.engine;

/**
 * An input the engine refuses (unknown call, answer when not ringing, a negative setting …).
 * The engine's state is unchanged when it is thrown; callers map it to a 4xx answer.
 *
 * @see #code() stable machine-readable reason
 * @see #field() the setting or argument at fault, or {@code null}
 */
public class AcdException extends RuntimeException {

    private final String code;
    private final String field;

    public AcdException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
