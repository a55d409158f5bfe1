package io.linia.acd.engine;

import java.util.Objects;

/**
 * Where a call goes when its queue gives up on it (ACD-6): after the queue's maximum wait,
 * when the queue is full, or when no agent is logged in.
 *
 * @param kind   what happens
 * @param target the queue id for {@link Kind#QUEUE}, the message (prompt) for
 *               {@link Kind#MESSAGE}, otherwise {@code null}
 */
public record Overflow(Kind kind, String target) {

    public enum Kind {
        /** Stay (for the max-wait timer: keep waiting); a full queue or no agents rejects the call. */
        NONE,
        /** Move to another queue; the call keeps its original arrival time for its total wait. */
        QUEUE,
        /** Send the caller to voicemail; the call leaves the ACD. */
        VOICEMAIL,
        /** Release the caller with a callback promise; the call keeps its place in line (ACD-7). */
        CALLBACK,
        /** Play a message and release the caller. */
        MESSAGE
    }

    public static final Overflow NONE = new Overflow(Kind.NONE, null);

    public Overflow {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.QUEUE || kind == Kind.MESSAGE) && (target == null || target.isBlank())) {
            throw new AcdException("overflow_target_required", "overflow.target",
                    "Overflow to " + kind + " needs a target");
        }
    }

    public static Overflow toQueue(String queueId) {
        return new Overflow(Kind.QUEUE, queueId);
    }

    public static Overflow message(String prompt) {
        return new Overflow(Kind.MESSAGE, prompt);
    }
}
