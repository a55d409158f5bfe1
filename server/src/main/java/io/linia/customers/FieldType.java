package io.linia.customers;

/**
 * The type of a tenant-defined custom field and the JSON value it takes:
 * {@code TEXT} a string (up to 2,000 characters), {@code NUMBER} a JSON number,
 * {@code DATE} a string {@code yyyy-MM-dd}, {@code BOOLEAN} {@code true}/{@code false},
 * {@code CHOICE} one of the field's choices, as a string.
 */
public enum FieldType {
    TEXT,
    NUMBER,
    DATE,
    BOOLEAN,
    CHOICE
}
