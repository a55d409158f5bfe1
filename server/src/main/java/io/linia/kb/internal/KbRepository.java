package io.linia.kb.internal;

import io.linia.kb.ArticleStatus;
import io.linia.kb.ArticleSummary;
import io.linia.kb.AttachmentView;
import io.linia.kb.CallArticle;
import io.linia.kb.KbReader;
import io.linia.kb.TopicView;
import io.linia.kb.VersionView;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The knowledge base's SQL. Every statement names the tenant; reading ones also apply {@link TopicRights}. */
@Repository
public class KbRepository {

    /** An article's bookkeeping row. */
    public record ArticleRow(UUID id, UUID topicId, int latest, Integer published, Instant createdAt, Instant updatedAt) {
        public ArticleStatus status() {
            return published == null ? ArticleStatus.DRAFT : published == latest ? ArticleStatus.PUBLISHED : ArticleStatus.CHANGED;
        }
    }

    /** A stored version with its text. */
    public record VersionRow(int number, String title, String markdown, String html, String plain, UUID authorId,
                             String authorName, Instant createdAt, Instant publishedAt) {
    }

    /** An attachment's bytes as stored. */
    public record StoredFile(AttachmentView view, boolean encrypted, byte[] data) {
    }

    private final JdbcClient jdbc;

    KbRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- topics

    public List<TopicView> topics(TenantId tenant, KbReader reader) {
        return jdbc.sql(TopicRights.READABLE + """
                select t.id, t.parent_id, t.name, t.position, t.reader_roles, t.created_at, t.updated_at, t.version,
                       (select count(*) from kb_articles a where a.tenant_id = t.tenant_id and a.topic_id = t.id
                           and (:editor or a.published is not null)) as articles
                  from kb_topics t join readable r on r.id = t.id
                 where t.tenant_id = :tenant
                 order by t.position, lower(t.name), t.id
                """)
                .param("tenant", tenant.value()).param("user", reader.userId()).param("editor", reader.editor())
                .query((rs, i) -> topic(rs, rs.getInt("articles"))).list();
    }

    public Optional<TopicView> topic(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, parent_id, name, position, reader_roles, created_at, updated_at, version
                  from kb_topics where tenant_id = :tenant and id = :id
                """)
                .param("tenant", tenant.value()).param("id", id)
                .query((rs, i) -> topic(rs, 0)).optional();
    }

    public boolean readable(TenantId tenant, KbReader reader, UUID topicId) {
        return jdbc.sql(TopicRights.READABLE + "select exists (select 1 from readable where id = :topic)")
                .param("tenant", tenant.value()).param("user", reader.userId()).param("editor", reader.editor())
                .param("topic", topicId).query(Boolean.class).single();
    }

    /** Whether {@code candidate} is {@code id} or lies under it (moving {@code id} under it would make a cycle). */
    public boolean isSelfOrBelow(TenantId tenant, UUID id, UUID candidate) {
        return jdbc.sql("""
                with recursive up(id, parent_id) as (
                    select id, parent_id from kb_topics where tenant_id = :tenant and id = :candidate
                    union all
                    select t.id, t.parent_id from kb_topics t join up on t.tenant_id = :tenant and t.id = up.parent_id)
                select exists (select 1 from up where id = :id)
                """).param("tenant", tenant.value()).param("id", id).param("candidate", candidate)
                .query(Boolean.class).single();
    }

    public void insertTopic(TenantId tenant, UUID id, UUID parentId, String name, int position, List<String> roles, Instant now) {
        jdbc.sql("""
                insert into kb_topics (tenant_id, id, parent_id, name, position, reader_roles, created_at, updated_at)
                values (:tenant, :id, :parent, :name, :position, :roles, :now, :now)
                """).param("tenant", tenant.value()).param("id", id).param("parent", parentId).param("name", name)
                .param("position", position).param("roles", roles.toArray(String[]::new)).param("now", Timestamp.from(now))
                .update();
    }

    public boolean updateTopic(TenantId tenant, UUID id, UUID parentId, String name, int position, List<String> roles,
                               int version, Instant now) {
        return jdbc.sql("""
                update kb_topics set parent_id = :parent, name = :name, position = :position, reader_roles = :roles,
                       updated_at = :now, version = version + 1
                 where tenant_id = :tenant and id = :id and version = :version
                """).param("tenant", tenant.value()).param("id", id).param("parent", parentId).param("name", name)
                .param("position", position).param("roles", roles.toArray(String[]::new)).param("now", Timestamp.from(now))
                .param("version", version).update() == 1;
    }

    public boolean topicHasContent(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select exists (select 1 from kb_topics where tenant_id = :tenant and parent_id = :id)
                    or exists (select 1 from kb_articles where tenant_id = :tenant and topic_id = :id)
                """).param("tenant", tenant.value()).param("id", id).query(Boolean.class).single();
    }

    public void deleteTopic(TenantId tenant, UUID id) {
        jdbc.sql("delete from kb_topics where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
    }

    // ---- articles

    public Optional<ArticleRow> article(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, topic_id, latest, published, created_at, updated_at
                  from kb_articles where tenant_id = :tenant and id = :id
                """).param("tenant", tenant.value()).param("id", id)
                .query((rs, i) -> new ArticleRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        (Integer) rs.getObject(4), instant(rs, 5), instant(rs, 6)))
                .optional();
    }

    /** The articles of a topic the reader sees: the published title for readers, the newest for editors. */
    public List<ArticleSummary> articles(TenantId tenant, KbReader reader, UUID topicId) {
        return jdbc.sql(TopicRights.READABLE + """
                select a.id, a.topic_id, v.title, a.latest, a.published, a.updated_at
                  from kb_articles a
                  join readable r on r.id = a.topic_id
                  join kb_article_versions v on v.tenant_id = a.tenant_id and v.article_id = a.id
                       and v.number = case when :editor then a.latest else a.published end
                 where a.tenant_id = :tenant and a.topic_id = :topic
                 order by lower(v.title), a.id
                """).param("tenant", tenant.value()).param("user", reader.userId()).param("editor", reader.editor())
                .param("topic", topicId)
                .query((rs, i) -> {
                    ArticleRow row = new ArticleRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(4),
                            (Integer) rs.getObject(5), null, instant(rs, 6));
                    return new ArticleSummary(row.id(), row.topicId(), rs.getString(3), row.status(), row.updatedAt());
                }).list();
    }

    public void insertArticle(TenantId tenant, UUID id, UUID topicId, Instant now) {
        jdbc.sql("""
                insert into kb_articles (tenant_id, id, topic_id, latest, created_at, updated_at)
                values (:tenant, :id, :topic, 1, :now, :now)
                """).param("tenant", tenant.value()).param("id", id).param("topic", topicId)
                .param("now", Timestamp.from(now)).update();
    }

    /** Moves {@code latest} from {@code base} to {@code base + 1}; false when another save came first. */
    public boolean advance(TenantId tenant, UUID id, int base, UUID topicId, Instant now) {
        return jdbc.sql("""
                update kb_articles set latest = latest + 1, topic_id = :topic, updated_at = :now
                 where tenant_id = :tenant and id = :id and latest = :base
                """).param("tenant", tenant.value()).param("id", id).param("topic", topicId).param("base", base)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    public void insertVersion(TenantId tenant, UUID articleId, int number, String title, String markdown, String html,
                              String plain, UUID authorId, String authorName, Instant now) {
        jdbc.sql("""
                insert into kb_article_versions (tenant_id, article_id, number, title, markdown, html, plain, author_id,
                                                 author_name, created_at)
                values (:tenant, :article, :number, :title, :markdown, :html, :plain, :author, :authorName, :now)
                """).param("tenant", tenant.value()).param("article", articleId).param("number", number)
                .param("title", title).param("markdown", markdown).param("html", html).param("plain", plain)
                .param("author", authorId).param("authorName", authorName).param("now", Timestamp.from(now)).update();
    }

    public Optional<VersionRow> version(TenantId tenant, UUID articleId, int number) {
        return jdbc.sql("""
                select number, title, markdown, html, plain, author_id, author_name, created_at, published_at
                  from kb_article_versions where tenant_id = :tenant and article_id = :article and number = :number
                """).param("tenant", tenant.value()).param("article", articleId).param("number", number)
                .query((rs, i) -> new VersionRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), instant(rs, 8), instant(rs, 9)))
                .optional();
    }

    public List<VersionView> versions(TenantId tenant, UUID articleId, Integer published) {
        return jdbc.sql("""
                select number, title, author_id, author_name, created_at, published_at
                  from kb_article_versions where tenant_id = :tenant and article_id = :article order by number desc
                """).param("tenant", tenant.value()).param("article", articleId)
                .query((rs, i) -> new VersionView(rs.getInt(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), instant(rs, 5), instant(rs, 6),
                        published != null && published == rs.getInt(1), null, null))
                .list();
    }

    public void publish(TenantId tenant, UUID articleId, int number, Instant now) {
        jdbc.sql("update kb_articles set published = :number, updated_at = :now where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value()).param("id", articleId).param("number", number)
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("""
                update kb_article_versions set published_at = :now
                 where tenant_id = :tenant and article_id = :id and number = :number
                """).param("tenant", tenant.value()).param("id", articleId).param("number", number)
                .param("now", Timestamp.from(now)).update();
    }

    public void unpublish(TenantId tenant, UUID articleId, Instant now) {
        jdbc.sql("update kb_articles set published = null, updated_at = :now where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value()).param("id", articleId).param("now", Timestamp.from(now)).update();
    }

    public void deleteArticle(TenantId tenant, UUID id) {
        jdbc.sql("delete from kb_articles where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
    }

    // ---- the search document of the published version (kb_search, no policy: always by tenant)

    public void index(TenantId tenant, UUID articleId, UUID topicId, String title, String plain) {
        jdbc.sql("""
                insert into kb_search (article_id, tenant_id, topic_id, title, body, doc)
                values (:id, :tenant, :topic, :title, :body, linia_tsvector(:title, :body))
                on conflict (article_id) do update
                   set topic_id = excluded.topic_id, title = excluded.title, body = excluded.body, doc = excluded.doc
                 where kb_search.tenant_id = excluded.tenant_id
                """).param("id", articleId).param("tenant", tenant.value()).param("topic", topicId)
                .param("title", title).param("body", plain).update();
    }

    public void moveIndexed(TenantId tenant, UUID articleId, UUID topicId) {
        jdbc.sql("update kb_search set topic_id = :topic where tenant_id = :tenant and article_id = :id")
                .param("tenant", tenant.value()).param("id", articleId).param("topic", topicId).update();
    }

    public void unindex(TenantId tenant, UUID articleId) {
        jdbc.sql("delete from kb_search where tenant_id = :tenant and article_id = :id")
                .param("tenant", tenant.value()).param("id", articleId).update();
    }

    // ---- ties

    /** The article's ties as (kind, target) pairs, in a stable order. */
    public List<String[]> ties(TenantId tenant, UUID articleId) {
        return jdbc.sql("select kind, target from kb_ties where tenant_id = :tenant and article_id = :id order by kind, target")
                .param("tenant", tenant.value()).param("id", articleId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    public void replaceTies(TenantId tenant, UUID articleId, List<String[]> ties) {
        jdbc.sql("delete from kb_ties where tenant_id = :tenant and article_id = :id")
                .param("tenant", tenant.value()).param("id", articleId).update();
        for (String[] t : ties) {
            jdbc.sql("insert into kb_ties (tenant_id, article_id, kind, target) values (:tenant, :id, :kind, :target)")
                    .param("tenant", tenant.value()).param("id", articleId).param("kind", t[0]).param("target", t[1])
                    .update();
        }
    }

    /**
     * The published, readable articles with a tie among {@code keys} (KB-2): one probe of
     * {@code kb_ties (tenant_id, key)}, most ties first.
     */
    public List<CallArticle> byTies(TenantId tenant, KbReader reader, List<String> keys, int limit) {
        return jdbc.sql(TopicRights.READABLE + """
                , tied as (
                    select t.article_id, array_agg(distinct t.kind order by t.kind) as kinds, count(*) as n
                      from kb_ties t
                     where t.tenant_id = :tenant and t.key = any (:keys)
                     group by t.article_id)
                select a.id, a.topic_id, v.title, tied.kinds
                  from tied
                  join kb_articles a on a.tenant_id = :tenant and a.id = tied.article_id and a.published is not null
                  join readable r on r.id = a.topic_id
                  join kb_article_versions v on v.tenant_id = a.tenant_id and v.article_id = a.id and v.number = a.published
                 order by tied.n desc, lower(v.title), a.id
                 limit :limit
                """).param("tenant", tenant.value()).param("user", reader.userId()).param("editor", reader.editor())
                .param("keys", keys.toArray(String[]::new)).param("limit", limit)
                .query((rs, i) -> new CallArticle(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray())))
                .list();
    }

    /**
     * The published articles of {@code topicId} and the topics under it that the reader may read
     * (ACD-1: a queue's knowledge topic), the topic's own first, then by depth and title, without
     * {@code except}; {@code matchedBy} is {@code KB_TOPIC}.
     */
    public List<CallArticle> byTopic(TenantId tenant, KbReader reader, UUID topicId, List<UUID> except, int limit) {
        return jdbc.sql(TopicRights.READABLE + """
                , under(id, depth) as (
                    select t.id, 0 from kb_topics t join readable r on r.id = t.id
                     where t.tenant_id = :tenant and t.id = :topic
                    union all
                    select c.id, u.depth + 1 from under u
                      join kb_topics c on c.tenant_id = :tenant and c.parent_id = u.id
                      join readable r on r.id = c.id)
                select a.id, a.topic_id, v.title
                  from under u
                  join kb_articles a on a.tenant_id = :tenant and a.topic_id = u.id and a.published is not null
                  join kb_article_versions v on v.tenant_id = a.tenant_id and v.article_id = a.id and v.number = a.published
                 where not (a.id = any (:except))
                 order by u.depth, lower(v.title), a.id
                 limit :limit
                """).param("tenant", tenant.value()).param("user", reader.userId()).param("editor", reader.editor())
                .param("topic", topicId).param("except", except.toArray(UUID[]::new)).param("limit", limit)
                .query((rs, i) -> new CallArticle(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        List.of("KB_TOPIC")))
                .list();
    }

    // ---- attachments

    public List<AttachmentView> attachments(TenantId tenant, UUID articleId) {
        return jdbc.sql("""
                select id, article_id, file_name, content_type, size, author_name, created_at
                  from kb_attachments where tenant_id = :tenant and article_id = :article order by created_at, file_name, id
                """).param("tenant", tenant.value()).param("article", articleId)
                .query((rs, i) -> attachment(rs)).list();
    }

    public void insertAttachment(TenantId tenant, AttachmentView a, boolean encrypted, byte[] data, UUID authorId) {
        jdbc.sql("""
                insert into kb_attachments (tenant_id, id, article_id, file_name, content_type, size, encrypted, data,
                                            author_id, author_name, created_at)
                values (:tenant, :id, :article, :name, :type, :size, :encrypted, :data, :author, :authorName, :now)
                """).param("tenant", tenant.value()).param("id", a.id()).param("article", a.articleId())
                .param("name", a.fileName()).param("type", a.contentType()).param("size", a.size())
                .param("encrypted", encrypted).param("data", data).param("author", authorId)
                .param("authorName", a.authorName()).param("now", Timestamp.from(a.createdAt())).update();
    }

    public Optional<StoredFile> attachment(TenantId tenant, UUID articleId, UUID id) {
        return jdbc.sql("""
                select id, article_id, file_name, content_type, size, author_name, created_at, encrypted, data
                  from kb_attachments where tenant_id = :tenant and article_id = :article and id = :id
                """).param("tenant", tenant.value()).param("article", articleId).param("id", id)
                .query((rs, i) -> new StoredFile(attachment(rs), rs.getBoolean("encrypted"), rs.getBytes("data")))
                .optional();
    }

    public void deleteAttachment(TenantId tenant, UUID id) {
        jdbc.sql("delete from kb_attachments where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
    }

    private static AttachmentView attachment(ResultSet rs) throws SQLException {
        return new AttachmentView(rs.getObject("id", UUID.class), rs.getObject("article_id", UUID.class),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size"), rs.getString("author_name"),
                instant(rs, "created_at"));
    }

    private static TopicView topic(ResultSet rs, int articles) throws SQLException {
        return new TopicView(rs.getObject("id", UUID.class), rs.getObject("parent_id", UUID.class), rs.getString("name"),
                rs.getInt("position"), new ArrayList<>(Arrays.asList((String[]) rs.getArray("reader_roles").getArray())),
                articles, instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
