package io.linia.requests.internal;

import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.requests.RequestQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The request list's search (CASE-6) on the policy-free side table {@code request_search} (V42),
 * always with an explicit tenant filter.
 *
 * <p>Words: each query word is widened to the similar words of the tenant's vocabulary
 * ({@code request_search_words}, trigram similarity ≥ pg_trgm's threshold 0.3, the best 8), so
 * forms the stemmers do not join ("заявок" vs "заявка") and a typo still match; the words are
 * then matched with both the Russian and the English configuration (stems). All words must match
 * (AND); a word that is a number also matches the request number. Order: newest first
 * ({@code created_at, number} descending), paged by a keyset cursor.
 */
@Repository
public class RequestSearch {

    /** Filters after the caller resolved them; {@code projects} non-null limits to those (CASE-7). */
    public record Filter(RequestQuery query, List<UUID> projects) {
    }

    public record Hit(UUID id, Instant createdAt, long number) {
    }

    private final JdbcClient jdbc;

    RequestSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit + 1} hits after the cursor (one more tells whether a next page exists). */
    public List<Hit> page(TenantId tenant, Filter f) {
        Where w = where(tenant, f);
        StringBuilder sql = new StringBuilder("select s.request_id, s.created_at, s.number from request_search s where ")
                .append(w.sql);
        List<Object> params = new ArrayList<>(w.params);
        if (f.query().after() != null) {
            Hit cursor = decode(f.query().after());
            sql.append(" and (s.created_at, s.number) < (?, ?)");
            params.add(Timestamp.from(cursor.createdAt()));
            params.add(cursor.number());
        }
        sql.append(" order by s.created_at desc, s.number desc limit ?");
        params.add(f.query().limit() + 1);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new Hit(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getLong(3))).list();
    }

    /**
     * The result's size and facets (CASE-6), bounded so that a word found in millions of requests
     * costs as much as one found in ten thousand: up to {@link #COUNTED} newest matches are read
     * once; {@code exact} is false when there are more, and the facets then count those newest.
     */
    public record Counted(long total, boolean exact, Map<String, Map<String, Long>> facets) {
    }

    /** How many of the newest matches the total and the facets count at most. */
    public static final int COUNTED = 10_000;

    /** Counts by each facet: value → count, largest first (dates newest first), at most 100 per facet. */
    public Counted counted(TenantId tenant, Filter f) {
        Where w = where(tenant, f);
        List<Object> params = new ArrayList<>(w.params);
        params.add(COUNTED + 1);
        params.add(COUNTED);
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String name : List.of("status", "type", "project", "executor", "date")) {
            out.put(name, new LinkedHashMap<>());
        }
        long[] matched = {0};
        jdbc.sql("""
                with m as materialized (
                    select s.status_code, s.type_code, s.project_id, s.executor_id, s.created_at, s.number
                      from request_search s where\s""" + w.sql + "\n" + """
                     order by s.created_at desc, s.number desc limit ?),
                counted as materialized (select * from m order by created_at desc, number desc limit ?),
                facets as (
                    select 'status' as facet, status_code as value, count(*) as n from counted group by 2
                    union all select 'type', type_code, count(*) from counted group by 2
                    union all select 'project', project_id::text, count(*) from counted group by 2
                    union all select 'executor', coalesce(executor_id::text, ''), count(*) from counted group by 2
                    union all select 'date', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD'), count(*) from counted group by 2)
                select facet, value, n from facets
                union all select '', null, count(*) from m
                """)
                .params(params)
                .query(rs -> {
                    String facet = rs.getString(1);
                    if (facet.isEmpty()) {
                        matched[0] = rs.getLong(3);
                    } else {
                        out.get(facet).put(rs.getString(2), rs.getLong(3));
                    }
                });
        Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
        out.forEach((name, counts) -> {
            Comparator<Map.Entry<String, Long>> order = name.equals("date")
                    ? Map.Entry.<String, Long>comparingByKey().reversed()
                    : Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
            Map<String, Long> top = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(order).limit(100).forEach(e -> top.put(e.getKey(), e.getValue()));
            sorted.put(name, top);
        });
        boolean exact = matched[0] <= COUNTED;
        return new Counted(exact ? matched[0] : COUNTED, exact, sorted);
    }

    public static String cursor(Hit last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.createdAt().toString() + "\n" + last.number()).getBytes(StandardCharsets.UTF_8));
    }

    private static Hit decode(String after) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            int sep = s.indexOf('\n');
            return new Hit(null, Instant.parse(s.substring(0, sep)), Long.parseLong(s.substring(sep + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("bad_cursor", "after", "The cursor is not one this API returned");
        }
    }

    private record Where(String sql, List<Object> params) {
    }

    private Where where(TenantId tenant, Filter f) {
        RequestQuery q = f.query();
        StringBuilder sql = new StringBuilder("s.tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (f.projects() != null) {
            sql.append(" and s.project_id = any(?)");
            params.add(f.projects().toArray(UUID[]::new));
        }
        if (q.project() != null) {
            sql.append(" and s.project_id = ?");
            params.add(q.project());
        }
        if (q.status() != null) {
            sql.append(" and s.status_code = ?");
            params.add(q.status());
        }
        if (q.type() != null) {
            sql.append(" and s.type_code = ?");
            params.add(q.type());
        }
        if (q.executor() != null) {
            sql.append(" and s.executor_id = ?");
            params.add(q.executor());
        }
        if (q.from() != null) {
            sql.append(" and s.created_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and s.created_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        for (String word : words(q.q())) {
            List<String> forms = new ArrayList<>(List.of(word));
            if (word.length() >= 3) {
                forms.addAll(jdbc.sql("""
                                select word from request_search_words where tenant_id = ? and word % ? and word <> ?
                                 order by similarity(word, ?) desc, word limit 8""")
                        .params(tenant.value(), word, word, word).query(String.class).list());
            }
            String alternatives = String.join(" | ", forms.stream()
                    .map(x -> "'" + x.replace("\\", "").replace("'", "''") + "'").toList());
            // written into the SQL as a constant (its quotes doubled), so that the planner estimates the matches
            // from the column's statistics; a parameter is opaque to a generic plan (see SearchQuery.tsquery)
            String constant = "'" + alternatives.replace("'", "''") + "'";
            sql.append(" and (s.document @@ (to_tsquery('russian', ").append(constant).append(") || to_tsquery('english', ")
                    .append(constant).append(") || to_tsquery('simple', ").append(constant).append("))");
            if (word.chars().allMatch(Character::isDigit) && word.length() <= 18) {
                sql.append(" or s.number = ?");
                params.add(Long.parseLong(word));
            }
            sql.append(")");
        }
        return new Where(sql.toString(), params);
    }

    /** The query's words: letters and digits only (so they are safe inside a tsquery), lower-cased, at most 8. */
    static List<String> words(String q) {
        if (q == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String w : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && w.length() <= 40) {
                out.add(w);
            }
        }
        if (out.size() > 8) {
            throw new InvalidInputException("too_many", "q", "At most 8 words");
        }
        return List.copyOf(out);
    }
}
