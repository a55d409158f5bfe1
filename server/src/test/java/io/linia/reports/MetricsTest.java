package io.linia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** REP-10 definitions: rounding, empty sets and each service-level formula. */
class MetricsTest {

    private static Figures figures(long answered, long answeredInSl, long abandoned, long abandonedInSl, long shortAbandoned) {
        return new Figures(answered + abandoned, answered, abandoned, shortAbandoned, 0, 0, 0, 0, 0, answeredInSl,
                abandonedInSl, 1, 0, null, null, 0, null, null, 0, null, null, 0, 0, 0, new long[10], new long[10]);
    }

    @Test
    void averagesAreWholeSecondsRoundedHalfUpAndPercentagesHaveOneDecimal() {
        assertThat(Metrics.averageSeconds(89_500, 1)).isEqualTo(90);
        assertThat(Metrics.averageSeconds(89_499, 1)).isEqualTo(89);
        assertThat(Metrics.averageSeconds(10_000, 0)).isNull();
        assertThat(Metrics.percent(2, 3)).isEqualTo(new BigDecimal("66.7"));
        assertThat(Metrics.percent(1, 3)).isEqualTo(new BigDecimal("33.3"));
        assertThat(Metrics.percent(0, 0)).isNull();
        assertThat(Metrics.seconds(1_499L)).isEqualTo(1);
        assertThat(Metrics.seconds(1_500L)).isEqualTo(2);
    }

    @Test
    void everyServiceLevelFormula() {
        // 8 answered (6 within target), 4 lost (2 within target, 1 of them short)
        Figures f = figures(8, 6, 4, 2, 1);
        assertThat(Metrics.serviceLevel(f, new ReportSettings(Metrics.SlFormula.SL, 5, false))).isEqualTo(new BigDecimal("75.0"));
        assertThat(Metrics.serviceLevel(f, new ReportSettings(Metrics.SlFormula.SL2, 5, false))).isEqualTo(new BigDecimal("66.7"));
        assertThat(Metrics.serviceLevel(f, new ReportSettings(Metrics.SlFormula.OFFERED, 5, false))).isEqualTo(new BigDecimal("50.0"));
        // without the short abandon: SL2 (6 + 1) / (8 + 3), OFFERED 6 / 11
        assertThat(Metrics.serviceLevel(f, new ReportSettings(Metrics.SlFormula.SL2, 5, true))).isEqualTo(new BigDecimal("63.6"));
        assertThat(Metrics.serviceLevel(f, new ReportSettings(Metrics.SlFormula.OFFERED, 5, true))).isEqualTo(new BigDecimal("54.5"));
        assertThat(Metrics.abandonRate(f, new ReportSettings(Metrics.SlFormula.SL, 5, true))).isEqualTo(new BigDecimal("27.3"));
    }
}
