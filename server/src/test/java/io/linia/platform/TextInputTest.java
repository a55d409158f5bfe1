package io.linia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one way typed text is taken in (customers, projects, requests): trimmed, checked, blank = absent. */
class TextInputTest {

    @Test
    void aLineIsTrimmedAndItsWhitespaceRunsMadeOneSpace() {
        assertThat(TextInput.line("name", "  Горячая \t  линия\r\n ", 100)).isEqualTo("Горячая линия");
        assertThat(TextInput.line("name", "   ", 100)).isNull();
        assertThat(TextInput.line("name", null, 100)).isNull();
        assertThat(TextInput.line("name", "<script>", 100)).as("markup is data").isEqualTo("<script>");
    }

    @Test
    void linesKeepTheirBreaksAsNewlines() {
        assertThat(TextInput.lines("notes", " a\r\nb\rc \n", 100)).isEqualTo("a\nb\nc");
    }

    @Test
    void controlsLengthAndBlankRequiredAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TextInput.line("subject", "a\u0000b", 100))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("control_characters");
                    assertThat(e.field()).isEqualTo("subject");
                });
        assertThatThrownBy(() -> TextInput.lines("notes", "x".repeat(11), 10))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("too_long"));
        assertThatThrownBy(() -> TextInput.required("title", " ", 10))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("required"));
        assertThat(TextInput.line("name", "x".repeat(10), 10)).hasSize(10);
    }
}
