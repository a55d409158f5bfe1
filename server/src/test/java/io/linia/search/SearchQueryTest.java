package io.linia.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query written into SQL as constants (KB-3): only letters, digits and spaces reach it. */
class SearchQueryTest {

    @Test
    void termsBecomeStringConstantsOfLettersDigitsAndSpacesOnly() {
        assertThat(SearchQuery.tsquery(List.of("заявка заявки", "billing")))
                .isEqualTo("linia_tsquery(array['заявка заявки', 'billing']::text[])");
        assertThat(SearchQuery.tsquery(List.of("x'); drop table t; -- 50% \\ %1$s", "o'neil")))
                .isEqualTo("linia_tsquery(array['x drop table t  50  1s', 'oneil']::text[])");
    }
}
