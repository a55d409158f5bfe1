package io.linia.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading uploaded CSV (CRM-5): encodings, separators, RFC 4180 quoting and the lines records start on. */
class CsvFilesTest {

    static final String TEXT = "Фамилия;Примечание;Город\r\n"
            + "Иванов;\"две\r\nстроки; и \"\"кавычки\"\"\";Москва\r\n"
            + "\r\n"
            + "Петров;;Тверь\r\n";

    @Test
    void windows1251AndUtf8AreDetectedAndABomIsDropped() {
        CsvFiles.Table cp = CsvFiles.read(TEXT.getBytes(CsvFiles.WINDOWS_1251), "auto", "auto", 100);
        assertThat(cp.encoding()).isEqualTo("windows-1251");
        assertThat(cp.columns()).containsExactly("Фамилия", "Примечание", "Город");
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        CsvFiles.Table u = CsvFiles.read(bom, null, null, 100);
        assertThat(u.encoding()).isEqualTo("UTF-8");
        assertThat(u.columns().get(0)).isEqualTo("Фамилия");
        assertThat(CsvFiles.read(utf8, "auto", "auto", 100).encoding()).isEqualTo("UTF-8");
    }

    @Test
    void quotedCellsKeepSeparatorsQuotesAndLineBreaksAndRecordsKnowTheirFirstLine() {
        CsvFiles.Table t = CsvFiles.read(TEXT.getBytes(StandardCharsets.UTF_8), "UTF-8", "auto", 100);
        assertThat(t.separator()).isEqualTo(';');
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).line()).isEqualTo(2);
        assertThat(t.rows().get(0).cells()).containsExactly("Иванов", "две\r\nстроки; и \"кавычки\"", "Москва");
        assertThat(t.rows().get(1).line()).as("after a two-line record and a blank line").isEqualTo(5);
    }

    @Test
    void commasAreDetectedOutsideQuotes() {
        String csv = "\"a;b;c\",name,phone\n1,2,3\n";
        CsvFiles.Table t = CsvFiles.read(csv.getBytes(StandardCharsets.UTF_8), "auto", "auto", 100);
        assertThat(t.separator()).isEqualTo(',');
        assertThat(t.columns()).containsExactly("a;b;c", "name", "phone");
        assertThat(t.rows().get(0).cells()).isEqualTo(List.of("1", "2", "3"));
    }

    @Test
    void badFilesAndOptionsNameTheirField() {
        byte[] cp1251 = TEXT.getBytes(CsvFiles.WINDOWS_1251);
        assertThatThrownBy(() -> CsvFiles.read(cp1251, "UTF-8", "auto", 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("UTF-8")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("encoding");
        assertThatThrownBy(() -> CsvFiles.read(cp1251, "koi8-r", "auto", 100))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("unknown_encoding");
        assertThatThrownBy(() -> CsvFiles.read(cp1251, "auto", "|", 100))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("separator");
        assertThatThrownBy(() -> CsvFiles.read("a;a\n1;2\n".getBytes(StandardCharsets.UTF_8), "auto", "auto", 100))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("duplicate_column");
        assertThatThrownBy(() -> CsvFiles.read("\n\n".getBytes(StandardCharsets.UTF_8), "auto", "auto", 100))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("empty");
    }
}
