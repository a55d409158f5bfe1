package io.linia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantSizesTest {

    @Test
    void theSizesSumToTheTotalWithLargeTenantsFirstAndNoEmptyTenant() {
        int[] sizes = TenantSizes.of(100_000, 1_000_000, 42);
        assertThat(Arrays.stream(sizes).asLongStream().sum()).isEqualTo(1_000_000);
        assertThat(sizes[0]).isEqualTo(50_000);
        assertThat(Arrays.stream(sizes).min().getAsInt()).isGreaterThanOrEqualTo(1);
        assertThat(Arrays.stream(sizes, 5, sizes.length).max().getAsInt()).isLessThan(100);
    }

    @Test
    void anImpossibleTotalIsRefusedInsteadOfLoopingForEver() {
        assertThatThrownBy(() -> TenantSizes.of(1000, 20_000, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generationIsDeterministicForASeed() {
        assertThat(TenantSizes.of(1000, 170_000, 7)).isEqualTo(TenantSizes.of(1000, 170_000, 7));
        assertThat(Arrays.stream(TenantSizes.of(1000, 170_000, 7)).sum()).isEqualTo(170_000);
        assertThat(Names.person(new Random(3), 5)).isEqualTo(Names.person(new Random(3), 5));
    }
}
