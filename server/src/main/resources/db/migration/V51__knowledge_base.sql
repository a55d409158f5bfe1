-- Knowledge base (KB-1, KB-2, KB-4, KB-5; docs/knowledge-base.md): topics in a tree with read
-- rights by role, articles in Markdown with every saved version, attachments, and the ties that
-- bring an article on screen when a call arrives.

create table kb_topics (
    tenant_id    uuid         not null references tenants (id),
    id           uuid         not null,
    parent_id    uuid,
    name         varchar(200) not null,
    position     integer      not null default 0,
    -- codes of the roles that may read the topic; empty = every holder of KB_VIEW. A topic is
    -- readable only when it and every topic above it admit one of the reader's roles.
    reader_roles text[]       not null default '{}',
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    version      integer      not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, parent_id) references kb_topics (tenant_id, id)
);
create index kb_topics_parent on kb_topics (tenant_id, parent_id);

-- An article; its text lives in its versions. `latest` is the newest saved version (what editors
-- see), `published` the one readers see (null: never published). latest > published: a draft.
create table kb_articles (
    tenant_id  uuid        not null,
    id         uuid        not null,
    topic_id   uuid        not null,
    latest     integer     not null,
    published  integer,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, topic_id) references kb_topics (tenant_id, id),
    check (published is null or published between 1 and latest)
);
create index kb_articles_topic on kb_articles (tenant_id, topic_id);

-- Every saved state of an article, with its author and time (KB-4). `html` is the Markdown
-- rendered and sanitized when saved; `plain` its text (what search indexes).
create table kb_article_versions (
    tenant_id   uuid          not null,
    article_id  uuid          not null,
    number      integer       not null,
    title       varchar(300)  not null,
    markdown    text          not null,
    html        text          not null,
    plain       text          not null,
    author_id   uuid,
    author_name varchar(200),
    created_at  timestamptz   not null,
    published_at timestamptz,
    primary key (tenant_id, article_id, number),
    foreign key (tenant_id, article_id) references kb_articles (tenant_id, id) on delete cascade
);

-- Files of an article, in the database so that an article and its files are saved and deleted
-- in one transaction. `data` is encrypted with the tenant's data key (SEC-5, bound to the
-- attachment's id) unless the tenant switched confidential storage off (SEC-6).
create table kb_attachments (
    tenant_id    uuid          not null,
    id           uuid          not null,
    article_id   uuid          not null,
    file_name    varchar(255)  not null,
    content_type varchar(100)  not null,
    size         bigint        not null,
    encrypted    boolean       not null,
    data         bytea         not null,
    author_id    uuid,
    author_name  varchar(200),
    created_at   timestamptz   not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, article_id) references kb_articles (tenant_id, id) on delete cascade
);
create index kb_attachments_article on kb_attachments (tenant_id, article_id);

-- What brings an article on screen during a call (KB-1, KB-2). `key` is kind:target, e.g.
-- QUEUE:<queue id>, NUMBER:8800, REQUEST_TYPE:complaint, IVR_CHOICE:<ivr id>/main:2, TOPIC:support,
-- so the call's articles are one probe of (tenant_id, key) with = any(...), which is leakproof and
-- so served by the index under row-level security.
create table kb_ties (
    tenant_id  uuid         not null,
    article_id uuid         not null,
    kind       varchar(16)  not null check (kind in ('QUEUE', 'NUMBER', 'REQUEST_TYPE', 'IVR_CHOICE', 'TOPIC')),
    target     varchar(200) not null,
    key        varchar(220) generated always as (kind || ':' || target) stored,
    primary key (tenant_id, article_id, kind, target),
    foreign key (tenant_id, article_id) references kb_articles (tenant_id, id) on delete cascade
);
create index kb_ties_key on kb_ties (tenant_id, key);

do $$
declare t text;
begin
    foreach t in array array['kb_topics', 'kb_articles', 'kb_article_versions', 'kb_attachments', 'kb_ties'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- The published text of each article for full-text search (KB-3). No policy, like V7's
-- user_search: @@ is not leakproof, so under a policy the GIN index would not be used. Always
-- queried with an explicit tenant filter and joined back to kb_articles/kb_topics, which are
-- read under the policy and the reader's topic rights.
create table kb_search (
    article_id uuid primary key,
    tenant_id  uuid         not null,
    topic_id   uuid         not null,
    title      varchar(300) not null,
    body       text         not null,
    doc        tsvector     not null
);
create index kb_search_doc on kb_search using gin (tenant_id, doc) with (fastupdate = off);

create function kb_search_words() returns trigger language plpgsql as
$$
begin
    perform search_words_add(new.tenant_id, new.title || E'\n' || new.body);
    return null;
end
$$;
create trigger kb_search_words after insert or update of title, body on kb_search
    for each row execute function kb_search_words();

-- KB-4: readers and editors of the knowledge base. Existing tenants' built-in roles get them here
-- (inside the system scope: roles is under row-level security); new tenants from BuiltInRole.
select set_config('linia.system', 'on', true);
update roles set permissions = array_append(permissions, 'KB_VIEW')
 where builtin and code in ('administrator', 'operator', 'project_manager', 'project_group_manager', 'executor',
                            'qa_specialist', 'qa_lead', 'hr')
   and not ('KB_VIEW' = any (permissions));
update roles set permissions = array_append(permissions, 'KB_MANAGE')
 where builtin and code in ('administrator', 'project_manager')
   and not ('KB_MANAGE' = any (permissions));
select set_config('linia.system', 'off', true);
