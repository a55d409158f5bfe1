package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CRM-2 phone normalization over numbers as operators type them and switches send them: a
 * table of real-world formats, good and bad. Columns: input | default region | E.164 |
 * extension, or for a refused number: input | region | the error code.
 */
class PhoneNumbersTest {

    @ParameterizedTest(name = "[{1}] {0} -> {2} ext {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // Moscow landline in every shape people write it
            "8 (495) 123-45-67            | RU | +74951234567 | -",
            "+7 495 123 45 67             | RU | +74951234567 | -",
            "495 123-45-67                | RU | +74951234567 | -",
            "74951234567                  | RU | +74951234567 | -",
            "8 495 123-45-67              | RU | +74951234567 | -",
            "(495)123-45-67               | RU | +74951234567 | -",
            "8.495.123.45.67              | RU | +74951234567 | -",
            "+7-495-123-45-67             | RU | +74951234567 | -",
            "84951234567                  | RU | +74951234567 | -",
            "+7 (495) 1234567             | RU | +74951234567 | -",
            // toll-free and mobiles
            "8-800-555-35-35              | RU | +78005553535 | -",
            "8 916 123-45-67              | RU | +79161234567 | -",
            "9161234567                   | RU | +79161234567 | -",
            "+7 (916) 123-45-67           | RU | +79161234567 | -",
            // St Petersburg, five-digit area code of a town (Zelenograd is 499; Tver region 4822)
            "8 (812) 555-12-34            | RU | +78125551234 | -",
            "8 (4822) 12-34-56            | RU | +74822123456 | -",
            // extensions kept apart
            "+7 (495) 123-45-67 доб. 12   | RU | +74951234567 | 12",
            "8 495 123 45 67 ext 345      | RU | +74951234567 | 345",
            "8 (495) 123-45-67, доб.1234  | RU | +74951234567 | 1234",
            "+7 495 123-45-67 Доб 7       | RU | +74951234567 | 7",
            "+7 495 1234567 x89           | RU | +74951234567 | 89",
            "8 (495) 123-45-67 вн. 201    | RU | +74951234567 | 201",
            // abroad, from Russia and elsewhere
            "8 10 49 30 1234567           | RU | +49301234567 | -",
            "00 44 20 7946 0958           | RU | +442079460958 | -",
            "+44 20 7946 0958             | RU | +442079460958 | -",
            "+1 650 253 0000              | RU | +16502530000 | -",
            "+375 29 123-45-67            | RU | +375291234567 | -",
            "030 1234567                  | DE | +49301234567 | -",
            "(650) 253-0000               | US | +16502530000 | -",
            "8 (495) 123-45-67            | -  | +74951234567 | -",
            // Kazakhstan shares +7
            "+7 7172 12 34 56             | RU | +77172123456 | -",
    })
    void normalizes(String raw, String region, String e164, String extension) {
        PhoneNumbers.Normalized n = PhoneNumbers.normalize(raw, region);
        assertThat(n.e164()).isEqualTo(e164);
        assertThat(n.extension()).isEqualTo(extension);
    }

    @ParameterizedTest(name = "[{1}] ''{0}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "''                           | RU | required",
            "'   '                        | RU | required",
            "12345                        | RU | invalid_number",
            "112                          | RU | invalid_number",
            "8 495 123-45-6               | RU | invalid_number",
            "+7 495 123 45 67 89          | RU | invalid_number",
            "+7 123 456 78 90             | RU | invalid_number",
            "abc                          | RU | not_a_number",
            "8-800-FLOWERS                | RU | not_a_number",
            "<script>alert(1)</script>    | RU | not_a_number",
            "8 (495) 123-45-67 / 8 (495) 765-43-21 | RU | invalid_number",
            "123456789012345678901234567890123456789012345678901234567890123456 | RU | too_long",
    })
    void refuses(String raw, String region, String code) {
        PhoneNumbers.InvalidPhoneNumber e = catchThrowableOfType(PhoneNumbers.InvalidPhoneNumber.class,
                () -> PhoneNumbers.normalize(raw, region));
        assertThat(e).as(raw).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(PhoneNumbers.tryNormalize(raw, region)).isNull();
    }
}
