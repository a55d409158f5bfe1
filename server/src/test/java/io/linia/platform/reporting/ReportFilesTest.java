package io.linia.platform.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV details: the BOM, separators, decimal commas, quoting, HH:MM:SS and formula neutralizing. */
class ReportFilesTest {

    private static String csv(char separator, List<Object> row) throws Exception {
        ReportTable t = new ReportTable("x", List.of(ReportTable.text("name"), ReportTable.seconds("talk"),
                ReportTable.percent("share"), ReportTable.text("caller")), List.of(row), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFiles.csv(out, separator, key -> key, page -> page.accept(t));
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void semicolonsAndDecimalCommasByDefaultCommasAndPointsOnRequest() throws Exception {
        List<Object> row = Arrays.asList("Иванов; Пётр", 90_061L, new BigDecimal("72.7"), "+74951234567");
        assertThat(csv(';', row)).isEqualTo("name;talk;share;caller\r\n\"Иванов; Пётр\";25:01:01;72,7;+74951234567\r\n");
        assertThat(csv(',', row)).isEqualTo("name,talk,share,caller\r\nИванов; Пётр,25:01:01,72.7,+74951234567\r\n");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralized() throws Exception {
        assertThat(ReportFiles.neutralize("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(ReportFiles.neutralize("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportFiles.neutralize("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(ReportFiles.neutralize("-2+3")).isEqualTo("'-2+3");
        assertThat(ReportFiles.neutralize("+74951234567")).isEqualTo("+74951234567"); // a phone number stays
        assertThat(csv(';', Arrays.asList("=1+1", null, null, ""))).endsWith("'=1+1;;;\r\n");
    }
}
