package io.linia.bench;

import java.util.Random;

/**
 * How many users each generated tenant gets: a few large contact centers (50,000 down to
 * 20,000 users) and a long tail of small ones (1–15), summing exactly to the total.
 */
public final class TenantSizes {

    static final int[] LARGE = {50_000, 40_000, 30_000, 20_000, 20_000};

    private TenantSizes() {
    }

    /** @throws IllegalArgumentException when the large tenants plus one user per other tenant exceed {@code users} */
    public static int[] of(int tenants, int users, long seed) {
        long floor = java.util.Arrays.stream(LARGE).limit(tenants).asLongStream().sum() + Math.max(0, tenants - LARGE.length);
        if (tenants <= LARGE.length || users < floor) {
            throw new IllegalArgumentException("need more than " + LARGE.length + " tenants and at least " + floor + " users");
        }
        int[] sizes = new int[tenants];
        Random random = new Random(seed);
        long sum = 0;
        for (int i = 0; i < tenants; i++) {
            sizes[i] = i < LARGE.length ? LARGE[i] : 1 + random.nextInt(15);
            sum += sizes[i];
        }
        // spread the difference over the small tenants so the total is exact and each keeps ≥ 1
        long diff = users - sum;
        int i = LARGE.length;
        while (diff != 0) {
            int step = diff > 0 ? 1 : -1;
            if (sizes[i] + step >= 1) {
                sizes[i] += step;
                diff -= step;
            }
            i = i + 1 < tenants ? i + 1 : LARGE.length;
        }
        return sizes;
    }
}
