package io.linia.customers.internal;

import io.linia.platform.TextInput;
import io.linia.customers.CustomFieldView;
import io.linia.customers.FieldType;
import io.linia.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The values of custom fields: from the JSON a client sent to the canonical text stored (and
 * encrypted, for confidential fields), and back to JSON. Pure. A value of the wrong JSON type
 * is refused ({@code wrong_type}), never coerced: {@code "42"} is not a number, {@code 1} not
 * a boolean. Errors name the field as {@code customFields.<key>}.
 */
public final class CustomValues {

    public static final int MAX_TEXT = 2000;
    /** Digits of a number, before and after the point together: enough for money and counts. */
    public static final int MAX_NUMBER_DIGITS = 30;

    private CustomValues() {
    }

    /** The canonical text of {@code value} for {@code field}; {@code value} is not null. */
    public static String canonical(CustomFieldView field, Object value) {
        String name = "customFields." + field.key();
        return switch (field.type()) {
            case TEXT -> {
                if (!(value instanceof String s)) {
                    throw wrongType(name, "a string");
                }
                String v = TextInput.lines(name, s, MAX_TEXT);
                if (v == null) {
                    throw new InvalidInputException("required", name, "Send null to remove the value, not an empty text");
                }
                yield v;
            }
            case NUMBER -> {
                BigDecimal n = number(name, value);
                if (n.precision() > MAX_NUMBER_DIGITS || Math.abs(n.scale()) > MAX_NUMBER_DIGITS) {
                    throw new InvalidInputException("range", name, "At most " + MAX_NUMBER_DIGITS + " digits");
                }
                yield n.stripTrailingZeros().toPlainString();
            }
            case DATE -> {
                if (!(value instanceof String s)) {
                    throw wrongType(name, "a date as yyyy-MM-dd");
                }
                try {
                    yield LocalDate.parse(s.strip()).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("format", name, "A date is written yyyy-MM-dd");
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw wrongType(name, "true or false");
                }
                yield b.toString();
            }
            case CHOICE -> {
                if (!(value instanceof String s)) {
                    throw wrongType(name, "one of " + field.choices());
                }
                if (!field.choices().contains(s)) {
                    throw new InvalidInputException("unknown_choice", name, "'" + s + "' is not one of " + field.choices());
                }
                yield s;
            }
        };
    }

    /** The JSON value of a canonical text. */
    public static Object typed(FieldType type, String canonical) {
        return switch (type) {
            case NUMBER -> new BigDecimal(canonical);
            case BOOLEAN -> Boolean.valueOf(canonical);
            case TEXT, DATE, CHOICE -> canonical;
        };
    }

    private static BigDecimal number(String name, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw wrongType(name, "a finite number");
            }
            return new BigDecimal(value.toString());
        }
        throw wrongType(name, "a number");
    }

    private static InvalidInputException wrongType(String name, String expected) {
        return new InvalidInputException("wrong_type", name, "The value must be " + expected);
    }
}
