package io.linia.kb.internal;

/**
 * The topics a user may read, as SQL (KB-4). A topic admits a user when its {@code reader_roles}
 * is empty or holds one of the user's role codes; it is readable when it and every topic above
 * it admit the user. So a restriction on a topic covers everything under it, and a sub-topic
 * can narrow the readers further but never widen them. Editors ({@code :editor}) read every
 * topic.
 *
 * <p>The walk starts at the top topics and descends only through readable ones, one recursive
 * query over {@code kb_topics (tenant_id, parent_id)}; the user's roles are read from identity's
 * {@code user_roles}/{@code roles} in the same statement, so a role taken away takes effect at
 * the next request. Parameters: {@code :tenant}, {@code :user}, {@code :editor}.
 */
final class TopicRights {

    /** A {@code with recursive} clause defining {@code readable(id)}; append further CTEs with a comma. */
    static final String READABLE = """
            with recursive my_roles as (
                select coalesce(array_agg(r.code::text), '{}') as codes
                  from user_roles ur join roles r on r.id = ur.role_id
                 where ur.tenant_id = :tenant and ur.user_id = :user),
            readable(id) as (
                select t.id from kb_topics t, my_roles m
                 where t.tenant_id = :tenant and t.parent_id is null
                   and (:editor or cardinality(t.reader_roles) = 0 or t.reader_roles && m.codes)
                union all
                select c.id from readable p join kb_topics c on c.tenant_id = :tenant and c.parent_id = p.id, my_roles m
                 where :editor or cardinality(c.reader_roles) = 0 or c.reader_roles && m.codes)
            """;

    private TopicRights() {
    }
}
