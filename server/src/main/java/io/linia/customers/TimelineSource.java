package io.linia.customers;

import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What another module implements (as a Spring bean) to put its entries on a customer card's
 * timeline (CRM-3): the requests of a customer (CASE), survey answers, campaign attempts. The
 * customers module contributes the calls itself. {@link CustomerTimeline} asks every source
 * for its newest entries after the cursor and merges them; a source never sees another's.
 *
 * <p>The order is {@code at} descending, then {@code type} descending, then {@code id}
 * descending; {@link Query#isAfterCursor} and {@link Query#cursorCondition} say which of a
 * source's entries come after the cursor, so a source answers with one index range scan.
 * Called in the tenant's context (row-level security applies); implementations filter by the
 * tenant too and return at most {@link Query#limit()} entries, all of their own {@link #type()}.
 */
public interface TimelineSource {

    /** The entries' type: lower-case, unique among sources ({@code call}, {@code request} …). */
    String type();

    List<TimelineEntry> entries(TenantId tenant, Query query);

    /**
     * The card and how to find its things (its phones in E.164, its e-mails lower-cased), the
     * cursor (the last entry of the page before; {@code null} for the first page) and how many
     * entries at most.
     */
    record Query(UUID customerId, List<String> phones, List<String> emails, Cursor after, int limit) {

        /** Whether an entry of {@code type} at {@code at} with {@code id} belongs after the cursor. */
        public boolean isAfterCursor(String type, Instant at, String id) {
            if (after == null) {
                return true;
            }
            int c = at.compareTo(after.at());
            if (c != 0) {
                return c < 0;
            }
            int t = type.compareTo(after.type());
            return t != 0 ? t < 0 : id.compareTo(after.id()) < 0;
        }

        /**
         * How a SQL source of {@code type} filters by the cursor: {@code ALL} (first page),
         * {@code AT_BEFORE} ({@code at < cursor.at}), {@code AT_OR_BEFORE} ({@code at <= cursor.at}),
         * or {@code AT_ID_BEFORE} ({@code (at, id) < (cursor.at, cursor.id)}).
         */
        public CursorCondition cursorCondition(String type) {
            if (after == null) {
                return CursorCondition.ALL;
            }
            int t = type.compareTo(after.type());
            return t < 0 ? CursorCondition.AT_OR_BEFORE : t > 0 ? CursorCondition.AT_BEFORE : CursorCondition.AT_ID_BEFORE;
        }
    }

    /** The position after which the next page starts. */
    record Cursor(Instant at, String type, String id) {
    }

    enum CursorCondition { ALL, AT_BEFORE, AT_OR_BEFORE, AT_ID_BEFORE }
}
