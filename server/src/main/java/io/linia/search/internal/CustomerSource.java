package io.linia.search.internal;

import io.linia.identity.Permission;
import io.linia.search.SearchHit;
import io.linia.search.SearchQuery;
import io.linia.search.SearchSource;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customer cards (CRM-1) for holders of CUSTOMER_VIEW. Reads {@code customer_fulltext}, the side
 * table V52's triggers keep from the cards, with an explicit tenant filter (its GIN index serves
 * the {@code @@}), and joins {@code customers} under row-level security as the second lock.
 */
@Component
class CustomerSource implements SearchSource {

    private final JdbcClient jdbc;

    CustomerSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "customer";
    }

    @Override
    public boolean visibleTo(SearchQuery query) {
        return query.can(Permission.CUSTOMER_VIEW);
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        String tsq = query.tsquery();
        return jdbc.sql("""
                with candidates as (
                    select f.customer_id, f.title, f.body, f.doc
                      from customer_fulltext f
                     where f.tenant_id = :tenant and f.doc @@ %1$s
                     limit :candidates),
                hits as (
                    select c.customer_id, c.title, c.body, ts_rank(c.doc, %1$s) as rank
                      from candidates c
                     order by rank desc, c.customer_id
                     limit :limit)
                select h.customer_id, h.title, linia_headline(h.title || E'\\n' || h.body, %1$s) as snippet, h.rank
                  from hits h
                  join customers c on c.tenant_id = :tenant and c.id = h.customer_id
                 order by h.rank desc, h.customer_id
                """.formatted(tsq))
                .param("tenant", query.tenant().value())
                .param("limit", query.limit())
                .param("candidates", CANDIDATES)
                .query((rs, i) -> new SearchHit(kind(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)))
                .list();
    }
}
