package io.linia.customers.internal;

import io.linia.customers.TimelineEntry;
import io.linia.customers.TimelinePage;
import io.linia.customers.TimelineSource;
import io.linia.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A timeline page from several sources (CRM-3): each gives its newest {@code limit} entries
 * after the cursor, the merge keeps the newest {@code limit} of all in the timeline's order
 * (at, type, id, all descending) and the cursor is the last one kept. Pure.
 */
public final class TimelineMerge {

    public static final Comparator<TimelineEntry> ORDER = Comparator.comparing(TimelineEntry::at)
            .thenComparing(TimelineEntry::type).thenComparing(TimelineEntry::id).reversed();
    public static final int MAX_LIMIT = 200;

    private TimelineMerge() {
    }

    public static TimelinePage page(List<Function<Integer, List<TimelineEntry>>> sources, int limit) {
        List<TimelineEntry> all = new ArrayList<>();
        for (Function<Integer, List<TimelineEntry>> source : sources) {
            all.addAll(source.apply(limit + 1));
        }
        all.sort(ORDER);
        boolean more = all.size() > limit;
        List<TimelineEntry> page = List.copyOf(more ? all.subList(0, limit) : all);
        String next = more ? cursor(page.get(page.size() - 1)) : null;
        return new TimelinePage(page, next);
    }

    public static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("range", "limit", "A page has 1.." + MAX_LIMIT + " entries");
        }
    }

    static String cursor(TimelineEntry e) {
        String raw = e.at().getEpochSecond() + ":" + e.at().getNano() + "\n" + e.type() + "\n" + e.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static TimelineSource.Cursor parse(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\n", 3);
            String[] at = parts[0].split(":");
            return new TimelineSource.Cursor(Instant.ofEpochSecond(Long.parseLong(at[0]), Long.parseLong(at[1])),
                    parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidInputException("bad_cursor", "after", "The cursor is not one this API returned");
        }
    }
}
