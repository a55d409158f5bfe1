package io.linia.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.customers.CustomFieldView;
import io.linia.customers.CustomerExports;
import io.linia.customers.FieldType;
import io.linia.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Column → field mapping of the CSV import (CRM-5) and the export's CSV-injection guard. */
class ImportMappingTest {

    static final CustomFieldView SEGMENT = new CustomFieldView(UUID.randomUUID(), "segment", "Сегмент", FieldType.CHOICE,
            false, false, List.of("VIP"), 0, 0);
    static final CustomFieldView DISCOUNT = new CustomFieldView(UUID.randomUUID(), "discount", "Скидка", FieldType.NUMBER,
            false, false, List.of(), 1, 0);
    static final CustomFieldView SINCE = new CustomFieldView(UUID.randomUUID(), "since", "Since", FieldType.DATE,
            false, false, List.of(), 2, 0);
    static final CustomFieldView NEWS = new CustomFieldView(UUID.randomUUID(), "news", "News", FieldType.BOOLEAN,
            false, false, List.of(), 3, 0);

    @Test
    void headersInRussianAndEnglishAndCustomLabelsAreSuggested() {
        List<String> columns = List.of("Фамилия", "Имя", "Телефон", "Мобильный", "E-mail", "Компания", "Сегмент",
                "custom.discount", "Что-то ещё", "Phone 2");
        Map<String, String> m = ImportMapping.suggest(columns, List.of(SEGMENT, DISCOUNT));
        assertThat(m).containsEntry("Фамилия", "lastName").containsEntry("Имя", "firstName")
                .containsEntry("Телефон", "phone").containsEntry("Мобильный", "phone").containsEntry("Phone 2", "phone")
                .containsEntry("E-mail", "email").containsEntry("Компания", "organization")
                .containsEntry("Сегмент", "custom.segment").containsEntry("custom.discount", "custom.discount")
                .containsEntry("Что-то ещё", "ignore");
    }

    @Test
    void aRecordBecomesADraftWithListsKindAndTypedCustomValues() {
        List<String> columns = List.of("name", "phone", "email", "discount", "since", "news", "note");
        ImportMapping m = ImportMapping.of(columns, Map.of("name", "name", "phone", "phone", "email", "email",
                "discount", "custom.discount", "since", "custom.since", "news", "custom.news", "note", "note"),
                List.of(DISCOUNT, SINCE, NEWS));
        ImportMapping.Parsed p = m.parse(List.of("ООО «Ромашка»", "'+7 495 111-11-11; 8 916 123 45 67",
                " a@b.ru , c@d.ru ", "1 234,5", "01.02.2026", "да", "перезвонить"));
        assertThat(p.draft().kind()).as("a name without a person's names").isEqualTo("ORGANIZATION");
        assertThat(p.draft().phones()).extracting(x -> x.number()).containsExactly("+7 495 111-11-11", "8 916 123 45 67");
        assertThat(p.draft().emails()).extracting(x -> x.address()).containsExactly("a@b.ru", "c@d.ru");
        assertThat(p.draft().customFields()).containsEntry("discount", new BigDecimal("1234.5"))
                .containsEntry("since", "2026-02-01").containsEntry("news", true);
        assertThat(p.draft().notes()).containsExactly("перезвонить");
        assertThatThrownBy(() -> m.parse(List.of("x", "", "", "много", "", "", "")))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("customFields.discount");
    }

    @Test
    void aMappingToNoFieldOrTwiceToOneFieldIsRefusedNamingTheColumn() {
        List<String> columns = List.of("a", "b");
        assertThatThrownBy(() -> ImportMapping.of(columns, Map.of("a", "surname"), List.of()))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("mapping.a");
        assertThatThrownBy(() -> ImportMapping.of(columns, Map.of("a", "city", "b", "city"), List.of()))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("duplicate_mapping");
        assertThatThrownBy(() -> ImportMapping.of(columns, Map.of("a", "custom.nope"), List.of()))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("unknown_field");
        assertThat(ImportMapping.of(columns, Map.of("a", "phone", "b", "phone"), List.of()).targets())
                .as("phones may come from several columns").containsExactly("phone", "phone");
    }

    @Test
    void formulaCellsAreNeutralizedAndTheImportTakesTheGuardOffAgain() {
        for (String cell : List.of("=1+2", "+7 495", "-5", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CustomerExports.neutralize(cell)).isEqualTo("'" + cell);
            assertThat(ImportMapping.plain(CustomerExports.neutralize(cell))).isEqualTo(cell);
        }
        assertThat(CustomerExports.neutralize("Иванов")).isEqualTo("Иванов");
        assertThat(ImportMapping.plain("'quoted")).as("an apostrophe before a letter stays").isEqualTo("'quoted");
    }
}
