package io.linia.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How queries become words, and the forms added for Snowball's gap (KB-3). */
class QueryWordsTest {

    @Test
    void wordsAreRunsOfLettersAndDigitsLowerCasedWithoutRepeats() {
        assertThat(QueryWords.split("Заявка №42: ОТЧЁТ & отчет | (billing)!")).containsExactly("заявка", "42", "отчет", "billing");
        assertThat(QueryWords.split("& | ! : * ( ) ' \"")).isEmpty();
        assertThat(QueryWords.split("a b c d e f g h i j k l")).hasSize(QueryWords.MAX_WORDS);
        assertThat(QueryWords.split("x".repeat(60)).get(0)).hasSize(40);
    }

    @ParameterizedTest
    @CsvSource({
            "заявок, заявк",
            "сумок, сумк",
            "ручек, ручк",
            "девушек, девушк",
            "заявка, ",
            "билет, ",
            "урок, ",     // too short to be a -ка genitive
            "потолок, потолк",  // harmless: an extra alternative that matches nothing else
            "billing, "})
    void fleetingVowelGenitivesGetTheStemTheOtherFormsHave(String word, String form) {
        assertThat(QueryWords.forms(word)).isEqualTo(form == null ? List.of() : List.of(form));
    }

    @Test
    void onlyWordsOfFourLettersAndMoreThatAreNotNumbersAreCorrected() {
        assertThat(QueryWords.correctable("зявка")).isTrue();
        assertThat(QueryWords.correctable("бил")).isFalse();
        assertThat(QueryWords.correctable("12345")).isFalse();
    }
}
