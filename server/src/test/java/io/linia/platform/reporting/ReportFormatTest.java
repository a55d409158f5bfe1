package io.linia.platform.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The one rule every report URL follows: format= wins, then Accept, else JSON; bad values name their parameter. */
class ReportFormatTest {

    @Test
    void theFormatParameterWinsOverAccept() {
        assertThat(ReportFormat.negotiate("CSV ", "application/pdf")).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFormat.negotiate("json", "text/csv")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.negotiate("xlsx", null)).isEqualTo(ReportFormat.XLSX);
        assertThat(ReportFormat.negotiate("pdf", null)).isEqualTo(ReportFormat.PDF);
    }

    @Test
    void acceptChoosesAFileTypeItNamesElseJson() {
        assertThat(ReportFormat.negotiate(null, "text/csv")).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFormat.negotiate("", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .isEqualTo(ReportFormat.XLSX);
        assertThat(ReportFormat.negotiate(null, "application/pdf, */*;q=0.1")).isEqualTo(ReportFormat.PDF);
        assertThat(ReportFormat.negotiate(null, "application/json")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.negotiate(null, null)).isEqualTo(ReportFormat.JSON);
    }

    @Test
    void anUnknownFormatOrSeparatorNamesItsParameter() {
        assertThatThrownBy(() -> ReportFormat.negotiate("docx", null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("format"))
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("unknown_format"));
        assertThatThrownBy(() -> ReportFormat.separator("tab")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("separator"));
    }

    @Test
    void semicolonByDefaultCommaOnRequest() {
        assertThat(ReportFormat.separator(null)).isEqualTo(';');
        assertThat(ReportFormat.separator("semicolon")).isEqualTo(';');
        assertThat(ReportFormat.separator(",")).isEqualTo(',');
        assertThat(ReportFormat.separator("COMMA")).isEqualTo(',');
    }
}
