package io.linia.requests.internal;

import io.linia.identity.Permission;
import io.linia.requests.Actor;
import io.linia.requests.RequestSetups;
import io.linia.search.SearchHit;
import io.linia.search.SearchQuery;
import io.linia.search.SearchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests in the global search (CASE-6, KB-3), for holders of REQUEST_WORK: a customer-company
 * user ({@link Actor#customerOnly()}) finds only the requests of the projects that grant it
 * access, as in the request list. Reads the policy-free side table {@code request_search} (V42)
 * with an explicit tenant filter and joins {@code requests} under row-level security as the
 * second lock.
 *
 * <p>Request words are not in the global vocabulary ({@code search_words}), so each query word
 * of 4+ letters that the tenant's request vocabulary ({@code request_search_words}) lacks is
 * also searched as its most similar word there (trigram similarity): one typo is forgiven as
 * for articles and cards.
 */
@Component
class RequestSearchSource implements SearchSource {

    static final String KIND = "request";

    private final JdbcClient jdbc;
    private final RequestSetups setups;

    RequestSearchSource(JdbcClient jdbc, RequestSetups setups) {
        this.jdbc = jdbc;
        this.setups = setups;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean visibleTo(SearchQuery query) {
        return query.can(Permission.REQUEST_WORK);
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        Actor actor = Actor.of(query.userId(), null, query.permissions());
        List<UUID> projects = actor.customerOnly() ? setups.projectsOfCustomerUser(query.tenant(), query.userId()) : null;
        if (projects != null && projects.isEmpty()) {
            return List.of();
        }
        String tsq = SearchQuery.tsquery(widened(query));
        return jdbc.sql("""
                with candidates as (
                    select s.request_id, s.document
                      from request_search s
                     where s.tenant_id = :tenant and s.document @@ %1$s
                       and (:all or s.project_id = any(:projects::uuid[]))
                     limit :candidates),
                hits as (
                    select c.request_id, ts_rank(c.document, %1$s) as rank
                      from candidates c
                     order by rank desc, c.request_id
                     limit :limit)
                select r.id, r.number, r.subject,
                       linia_headline(r.subject || E'\\n' || coalesce(r.description, ''), %1$s) as snippet, h.rank
                  from hits h
                  join requests r on r.tenant_id = :tenant and r.id = h.request_id
                 order by h.rank desc, r.id
                """.formatted(tsq))
                .param("tenant", query.tenant().value())
                .param("all", projects == null)
                .param("projects", projects == null ? new UUID[0] : projects.toArray(UUID[]::new))
                .param("limit", query.limit())
                .param("candidates", CANDIDATES)
                .query((rs, i) -> new SearchHit(kind(), rs.getString(1), "#" + rs.getLong(2) + " " + rs.getString(3),
                        rs.getString(4), rs.getDouble(5)))
                .list();
    }

    /** The query's terms, each word also as its correction against the tenant's request vocabulary. */
    private List<String> widened(SearchQuery query) {
        List<String> out = new ArrayList<>();
        for (String term : query.terms()) {
            Set<String> alternatives = new LinkedHashSet<>(Arrays.asList(term.split(" ")));
            String word = term.split(" ")[0];
            if (word.length() >= 4 && !word.chars().allMatch(Character::isDigit) && word.length() <= 40) {
                jdbc.sql("""
                                select w.word from request_search_words w
                                 where w.tenant_id = :tenant and w.word % :word
                                   and not exists (select 1 from request_search_words x where x.tenant_id = :tenant and x.word = :word)
                                 order by similarity(w.word, :word) desc, w.word limit 1""")
                        .param("tenant", query.tenant().value()).param("word", word)
                        .query(String.class).optional().ifPresent(alternatives::add);
            }
            out.add(String.join(" ", alternatives));
        }
        return out;
    }
}
