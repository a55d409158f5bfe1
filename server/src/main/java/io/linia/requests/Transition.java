package io.linia.requests;

/** A status change: by {@code operation} code or by target {@code status}; an optional comment and version. */
public record Transition(String status, String operation, String comment, Integer version) {
}
