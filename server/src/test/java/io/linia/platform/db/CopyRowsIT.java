package io.linia.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.test.IntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The binary COPY rows of a bulk load arrive in PostgreSQL as the values they were built from. */
@IntegrationTest
class CopyRowsIT {

    @Autowired
    DataSource dataSource;

    @Test
    void everyTypeArrivesAsItWasWritten() throws Exception {
        UUID id = UUID.randomUUID();
        Instant millis = Instant.parse("2025-03-30T00:59:59.123Z");
        Instant before2000 = Instant.parse("1999-12-31T23:59:59.999999Z");
        CopyRows rows = new CopyRows(8); // grows
        rows.row(7).uuid(id).text("Оператор\t\\ \"1\"\n").timestamp(millis).int2(-7).int4(123_456).int8(-9_876_543_210L)
                .jsonb("{\"to\":\"401@from-queue\",\"talkMs\":30000}");
        rows.row(7).nul().text(null).timestamp(before2000).int2(32_767).int4(0).int8((Long) null).jsonb("{}");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temporary table copy_rows_it (u uuid, t varchar(40), at timestamptz, s smallint, i integer,"
                    + " l bigint, j jsonb)");
            rows.copy(c, "copy copy_rows_it (u, t, at, s, i, l, j) from stdin (format binary)", null);
            List<List<Object>> back = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select u, t, at, s, i, l, j::text from copy_rows_it order by s")) {
                while (rs.next()) {
                    back.add(java.util.Arrays.asList(rs.getObject(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getInt(5), rs.getObject(6), rs.getString(7)));
                }
            }
            assertThat(back).containsExactly(
                    List.of(id, "Оператор\t\\ \"1\"\n", millis, -7, 123_456, -9_876_543_210L,
                            "{\"to\": \"401@from-queue\", \"talkMs\": 30000}"),
                    java.util.Arrays.asList(null, null, before2000, 32_767, 0, null, "{}"));
            s.execute("drop table copy_rows_it");
        }
    }

    @Test
    void onlyTheChosenRunsOfRowsAreSent() throws Exception {
        CopyRows rows = new CopyRows();
        int[] ends = new int[5];
        for (int i = 0; i < 5; i++) {
            rows.row(1).int4(i);
            ends[i] = rows.mark();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temporary table copy_runs_it (i integer)");
            // rows 0 and 2..3
            rows.copy(c, "copy copy_runs_it (i) from stdin (format binary)", new int[] {0, ends[0], ends[1], ends[3]});
            List<Integer> back = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select i from copy_runs_it order by i")) {
                while (rs.next()) {
                    back.add(rs.getInt(1));
                }
            }
            assertThat(back).containsExactly(0, 2, 3);
            s.execute("drop table copy_runs_it");
        }
    }

    @Test
    void aValueTooLongForItsColumnFailsTheCopy() throws Exception {
        CopyRows rows = new CopyRows();
        rows.row(1).text("x".repeat(65));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temporary table copy_long_it (t varchar(64))");
            assertThatThrownBy(() -> rows.copy(c, "copy copy_long_it (t) from stdin (format binary)", null))
                    .hasMessageContaining("COPY failed");
            s.execute("drop table copy_long_it");
        }
        assertThatThrownBy(() -> new CopyRows().int2(40_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
