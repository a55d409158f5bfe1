package io.linia.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.customers.TimelineEntry;
import io.linia.customers.TimelinePage;
import io.linia.customers.TimelineSource;
import io.linia.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Merging the timeline's sources (CRM-3): order, keyset cursors across sources, ties at the same instant. */
class TimelineMergeTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    /** A source like a SQL one: its own entries after the cursor, newest first, at most n. */
    record Fake(String type, List<TimelineEntry> all) implements TimelineSource {
        @Override
        public List<TimelineEntry> entries(io.linia.platform.TenantId tenant, Query q) {
            return all.stream().filter(e -> q.isAfterCursor(e.type(), e.at(), e.id())).sorted(TimelineMerge.ORDER)
                    .limit(q.limit()).toList();
        }
    }

    static TimelineEntry e(String type, String id, int minute) {
        return new TimelineEntry(type, id, T.plusSeconds(60L * minute), Map.of());
    }

    @Test
    void pagesWalkEverySourceNewestFirstWithoutLossOrRepeat() {
        Fake calls = new Fake("call", List.of(e("call", "c1", 1), e("call", "c2", 5), e("call", "c3", 5),
                e("call", "c4", 9)));
        Fake requests = new Fake("request", List.of(e("request", "r1", 5), e("request", "r2", 2), e("request", "r3", 10)));
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            TimelineSource.Cursor cursor = TimelineMerge.parse(after);
            List<Function<Integer, List<TimelineEntry>>> sources = List.of(
                    n -> calls.entries(null, new TimelineSource.Query(null, List.of(), List.of(), cursor, n)),
                    n -> requests.entries(null, new TimelineSource.Query(null, List.of(), List.of(), cursor, n)));
            TimelinePage page = TimelineMerge.page(sources, 2);
            page.items().forEach(i -> seen.add(i.id()));
            after = page.next();
            pages++;
        } while (after != null);
        // minute 5 holds three entries: type descending (request before call), then id descending
        assertThat(seen).containsExactly("r3", "c4", "r1", "c3", "c2", "r2", "c1");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void theCursorConditionTellsASqlSourceWhichRangeToScan() {
        TimelineSource.Cursor c = new TimelineSource.Cursor(T, "call", "x");
        TimelineSource.Query q = new TimelineSource.Query(null, List.of(), List.of(), c, 10);
        assertThat(q.cursorCondition("call")).isEqualTo(TimelineSource.CursorCondition.AT_ID_BEFORE);
        assertThat(q.cursorCondition("request")).isEqualTo(TimelineSource.CursorCondition.AT_BEFORE);
        assertThat(q.cursorCondition("campaign_attempt")).as("\"campaign…\" sorts after \"call\"").isEqualTo(TimelineSource.CursorCondition.AT_BEFORE);
        assertThat(q.cursorCondition("attempt")).isEqualTo(TimelineSource.CursorCondition.AT_OR_BEFORE);
        assertThat(new TimelineSource.Query(null, List.of(), List.of(), null, 10).cursorCondition("call"))
                .isEqualTo(TimelineSource.CursorCondition.ALL);
        assertThatThrownBy(() -> TimelineMerge.parse("not-a-cursor")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TimelineMerge.checkLimit(0)).isInstanceOf(InvalidInputException.class);
    }
}
