package io.linia.kb.internal;

import io.linia.identity.Permission;
import io.linia.search.SearchHit;
import io.linia.search.SearchQuery;
import io.linia.search.SearchSource;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Published articles for full-text search (KB-3), only of topics the searcher may read
 * ({@link TopicRights}; editors read every topic). The text is {@code kb_search}, written when an
 * article is published; its GIN index is probed with an explicit tenant filter, and the hits are
 * joined back to {@code kb_articles} under row-level security.
 */
@Component
class ArticleSource implements SearchSource {

    private final JdbcClient jdbc;

    ArticleSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "article";
    }

    @Override
    public boolean visibleTo(SearchQuery query) {
        return query.can(Permission.KB_VIEW) || query.can(Permission.KB_MANAGE);
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        String tsq = query.tsquery();
        return jdbc.sql(TopicRights.READABLE + """
                , candidates as (
                    select s.article_id, s.title, s.body, s.doc
                      from kb_search s
                     where s.tenant_id = :tenant and s.doc @@ %1$s
                       and s.topic_id in (select id from readable)
                     limit :candidates),
                hits as (
                    select c.article_id, c.title, c.body, ts_rank(c.doc, %1$s) as rank
                      from candidates c
                     order by rank desc, c.article_id
                     limit :limit)
                select h.article_id, h.title, linia_headline(h.body, %1$s) as snippet, h.rank
                  from hits h
                  join kb_articles a on a.tenant_id = :tenant and a.id = h.article_id and a.published is not null
                 order by h.rank desc, h.article_id
                """.formatted(tsq))
                .param("tenant", query.tenant().value()).param("user", query.userId())
                .param("editor", query.can(Permission.KB_MANAGE))
                .param("limit", query.limit())
                .param("candidates", CANDIDATES)
                .query((rs, i) -> new SearchHit(kind(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)))
                .list();
    }
}
