package io.linia.customers.internal;

import io.linia.platform.InvalidInputException;
import io.linia.platform.TextInput;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every text of a card follows. Text is stored as the user typed it (markup such as
 * {@code <script>} included: it is data, and every page escapes it when it shows it); what is
 * refused is what no person types and what would break storage or display: control characters
 * (PostgreSQL cannot even store NUL) and values over the column's length. Pure, no I/O.
 */
public final class Texts {

    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?)+");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    private Texts() {
    }

    /**
     * An e-mail address: trimmed and lower-cased, one {@code @}, a domain with a dot, up to 254
     * characters (64 before the {@code @}); letters of any script are allowed (IDN mailboxes).
     */
    public static String email(String field, String value) {
        String v = TextInput.line(field, value, 254);
        if (v == null) {
            throw new InvalidInputException("required", field, "An e-mail address is required");
        }
        v = v.toLowerCase(Locale.ROOT);
        int at = v.indexOf('@');
        if (!EMAIL.matcher(v).matches() || at > 64) {
            throw new InvalidInputException("email", field, "'" + v + "' is not an e-mail address");
        }
        return v;
    }

    /** A web address: a bare host or an http(s) URL; other schemes ({@code javascript:}) are refused. */
    public static String website(String field, String value) {
        String v = TextInput.line(field, value, 500);
        if (v == null) {
            return null;
        }
        var scheme = SCHEME.matcher(v);
        if (v.contains(" ") || scheme.find() && !scheme.group(1).equalsIgnoreCase("http")
                && !scheme.group(1).equalsIgnoreCase("https")) {
            throw new InvalidInputException("format", field, "A website is a host name or an http(s) address");
        }
        return v;
    }
}
