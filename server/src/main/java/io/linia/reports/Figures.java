package io.linia.reports;

/**
 * The summed figures of a set of call legs — a rollup row, or many added up. Times in ms;
 * the min/max fields are null when nothing was counted. Metrics over them are in {@link Metrics}.
 */
public record Figures(long offered, long answered, long abandoned, long shortAbandoned, long timedOut, long overflowed,
                      long endedByCaller, long endedByAgent, long transferred, long answeredInSl, long abandonedInSl,
                      long maxPosition, long answeredWaitSum, Long answeredWaitMin, Long answeredWaitMax,
                      long lostWaitSum, Long lostWaitMin, Long lostWaitMax, long talkSum, Long talkMin, Long talkMax,
                      long transferredWaitSum, long transferredTalkSum, long ringNoAnswer, long[] answeredBuckets,
                      long[] lostBuckets) {

    /** The upper limits of the REP-6 wait buckets in seconds; the last bucket is "over 300". */
    public static final int[] BUCKET_LIMITS = {5, 10, 15, 30, 45, 60, 90, 120, 300};
}
