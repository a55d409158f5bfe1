package io.linia.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers as typed by people and as sent by switches, to E.164 (CRM-2). Pure: no I/O,
 * no Spring; the dialling plans are Google's libphonenumber metadata.
 *
 * <p>The cases, in the order they are tried (docs/customers.md "Phone numbers"):
 * <ol>
 *   <li>Blank → {@code required}; longer than {@value #MAX_RAW_LENGTH} characters → {@code too_long}.</li>
 *   <li>An extension at the end is cut off and kept apart: {@code доб. 12}, {@code добавочный 12},
 *       {@code вн. 12}, {@code ext 12}, {@code ext. 12}, {@code x12}, {@code #12} (1..8 digits).</li>
 *   <li>Any other letter → {@code not_a_number}: we take no vanity numbers ({@code 8-800-FLOWERS}),
 *       since letters in a phone field mostly mean two fields were mixed up.</li>
 *   <li>A leading {@code 00} is the international prefix ({@code 00 44 …} = {@code +44 …}), whatever
 *       the region: mobile phones dial it everywhere.</li>
 *   <li>The rest goes to libphonenumber with the tenant's default region (RU unless set). For RU
 *       that means: {@code +7 …} international; {@code 8 …} with 10 more digits is the trunk
 *       prefix ({@code 8 (495) 123-45-67}, {@code 8-800-…}); {@code 810 …} is the old
 *       international prefix; 10 digits are national ({@code 495 123-45-67}); 11 digits
 *       starting with 7 are the country code without the plus ({@code 74951234567}).
 *       A {@code +8 …} is taken literally (it is not RU's trunk prefix: {@code +84} is Vietnam).</li>
 *   <li>The number must be a valid number of its country's plan → otherwise {@code invalid_number}
 *       (too short, too long, an unassigned range, a short code like {@code 112}).</li>
 * </ol>
 */
public final class PhoneNumbers {

    /** The longest input accepted, extension included. */
    public static final int MAX_RAW_LENGTH = 64;
    public static final String DEFAULT_REGION = "RU";

    /** A phone number in E.164 ({@code +74951234567}) and its extension, or {@code null}. */
    public record Normalized(String e164, String extension) {
    }

    /** Why a number could not be normalized: a stable {@code code} and a message for people. */
    public static final class InvalidPhoneNumber extends IllegalArgumentException {
        private final String code;

        InvalidPhoneNumber(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern EXTENSION = Pattern.compile(
            "[\\s,;]*(?:доб(?:авочный)?|вн(?:утр(?:енний)?)?|ext(?:ension)?|x|#)\\s*[.:]?\\s*(\\d{1,8})\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern INTERNATIONAL_00 = Pattern.compile("^[\\s(]*0[\\s\\-.]*0[\\s\\-.]*");

    private PhoneNumbers() {
    }

    /** The regions libphonenumber knows (ISO 3166 alpha-2, upper case). */
    public static Set<String> regions() {
        return UTIL.getSupportedRegions();
    }

    /** Whether {@code region} is a region code this class can use as the default. */
    public static boolean isRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region);
    }

    /**
     * Normalizes {@code raw} with {@code region} as the default for numbers without a country code.
     *
     * @throws InvalidPhoneNumber with code {@code required}, {@code too_long}, {@code not_a_number}
     *                            or {@code invalid_number}
     */
    public static Normalized normalize(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumber("required", "A phone number is required");
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidPhoneNumber("too_long", "A phone number is at most " + MAX_RAW_LENGTH + " characters");
        }
        String main = raw.strip();
        String extension = null;
        Matcher ext = EXTENSION.matcher(main);
        if (ext.find() && ext.start() > 0) {
            extension = ext.group(1);
            main = main.substring(0, ext.start());
        }
        if (LETTER.matcher(main).find()) {
            throw new InvalidPhoneNumber("not_a_number", "'" + raw.strip() + "' is not a phone number");
        }
        Matcher intl = INTERNATIONAL_00.matcher(main);
        if (intl.find()) {
            main = "+" + main.substring(intl.end());
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(main, isRegion(region) ? region : DEFAULT_REGION);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber(e.getErrorType() == NumberParseException.ErrorType.TOO_LONG
                    ? "invalid_number" : "not_a_number", "'" + raw.strip() + "' is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidPhoneNumber("invalid_number",
                    "'" + raw.strip() + "' is not a valid number (digits missing or extra, or no such range)");
        }
        if (extension == null && number.hasExtension() && !number.getExtension().isEmpty()) {
            extension = number.getExtension();
        }
        return new Normalized(UTIL.format(number, PhoneNumberFormat.E164), extension);
    }

    /** Like {@link #normalize}, but {@code null} instead of an exception: for caller ids from a switch. */
    public static Normalized tryNormalize(String raw, String region) {
        try {
            return normalize(raw, region);
        } catch (InvalidPhoneNumber e) {
            return null;
        }
    }
}
