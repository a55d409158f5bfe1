-- Requests / cases (CASE-1..7); docs/requests.md. Every table is tenant-owned with the usual
-- row-level-security policy, except the two search side tables (see below).

-- CASE-2: a project's constructor (request types with their fields and SLA times, dictionaries,
-- statuses, operations, executor groups, notification rules, customer access) as one checked
-- JSON document: it is read and written whole, versioned, and evaluated in Java.
create table request_setups (
    tenant_id  uuid        not null,
    project_id uuid        not null,
    document   jsonb       not null,
    updated_at timestamptz not null,
    version    integer     not null default 0,
    primary key (tenant_id, project_id),
    foreign key (tenant_id, project_id) references projects (tenant_id, id) on delete cascade
);

-- The human-readable request numbers, one sequence per tenant (1, 2, 3 …).
create table request_numbers (
    tenant_id   uuid   primary key references tenants (id),
    last_number bigint not null
);

create table requests (
    tenant_id              uuid          not null references tenants (id),
    id                     uuid          not null,
    number                 bigint        not null,
    project_id             uuid          not null,
    type_code              varchar(32)   not null,
    status_code            varchar(32)   not null,
    subject                varchar(300)  not null,
    description            varchar(10000),
    channel                varchar(10)   not null check (channel in ('MANUAL', 'API', 'CALL', 'EMAIL', 'CHAT', 'MESSENGER', 'WEB')),
    call_id                varchar(64),
    customer_id            uuid,
    customer_name          varchar(400),  -- the card's name when linked, for lists and search
    executor_id            uuid,
    group_code             varchar(32),
    due_at                 timestamptz,
    reaction_due_at        timestamptz,
    resolution_due_at      timestamptz,
    reacted_at             timestamptz,
    resolved_at            timestamptz,
    reaction_overdue_at    timestamptz,
    resolution_overdue_at  timestamptz,
    created_by             uuid,
    created_by_name        varchar(200),
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    version                integer       not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, number),
    foreign key (tenant_id, project_id) references projects (tenant_id, id)
);
create index requests_customer on requests (tenant_id, customer_id) where customer_id is not null;
create index requests_call on requests (tenant_id, call_id) where call_id is not null;
-- open SLA deadlines, for re-arming the timers at start-up
create index requests_open_deadlines on requests (tenant_id) where resolved_at is null
    and (reaction_overdue_at is null or resolution_overdue_at is null);

-- Values of the type's fields: canonical text, or for a confidential field only the ciphertext
-- under the tenant's data key (SEC-5), bound to the request and the field key.
create table request_field_values (
    tenant_id  uuid        not null,
    request_id uuid        not null,
    key        varchar(64) not null,
    value      text,
    secret     bytea,
    primary key (tenant_id, request_id, key),
    check ((value is null) <> (secret is null)),
    foreign key (tenant_id, request_id) references requests (tenant_id, id) on delete cascade
);

create table request_tasks (
    tenant_id   uuid         not null,
    id          uuid         not null,
    request_id  uuid         not null,
    title       varchar(300) not null,
    assignee_id uuid,
    due_at      timestamptz,
    done_at     timestamptz,
    created_by  uuid,
    created_at  timestamptz  not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, request_id) references requests (tenant_id, id) on delete cascade
);
create index request_tasks_request on request_tasks (tenant_id, request_id, created_at);

-- CASE-5: every change, field by field (changes: [{field, before, after}]); confidential values
-- appear only as "***". A project manager may delete entries (audited as request.history_delete).
create table request_history (
    id          bigint       generated always as identity primary key,
    tenant_id   uuid         not null,
    request_id  uuid         not null,
    at          timestamptz  not null,
    actor_id    uuid,
    actor_name  varchar(200),
    action      varchar(40)  not null,
    changes     jsonb        not null default '[]',
    comment     varchar(4000),
    foreign key (tenant_id, request_id) references requests (tenant_id, id) on delete cascade
);
create index request_history_request on request_history (tenant_id, request_id, id);

-- CASE-7: a claim of a customer-company user to the project's managers.
create table request_claims (
    tenant_id   uuid          not null,
    id          uuid          not null,
    project_id  uuid          not null,
    request_id  uuid,
    author_id   uuid          not null,
    author_name varchar(200),
    text        varchar(4000) not null,
    created_at  timestamptz   not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, project_id) references projects (tenant_id, id)
);
create index request_claims_project on request_claims (tenant_id, project_id, created_at);

-- CASE-4: tenant-edited notification templates (absent: the built-in text of docs/requests.md).
create table request_templates (
    tenant_id  uuid           not null references tenants (id),
    event      varchar(20)    not null check (event in ('registered', 'status_changed', 'overdue', 'claim')),
    language   varchar(2)     not null check (language in ('ru', 'en')),
    subject    varchar(300)   not null,
    body       varchar(10000) not null,
    updated_at timestamptz    not null,
    primary key (tenant_id, event, language)
);

-- CASE-4: every notification sent or attempted, with its outcome.
create table request_notifications (
    id         bigint       generated always as identity primary key,
    tenant_id  uuid         not null,
    request_id uuid,
    event      varchar(20)  not null,
    recipient  varchar(254) not null,
    status     varchar(10)  not null check (status in ('SENT', 'FAILED', 'SKIPPED')),
    error      varchar(500),
    at         timestamptz  not null
);
create index request_notifications_request on request_notifications (tenant_id, request_id, id);

do $$
declare t text;
begin
    foreach t in array array['request_setups', 'request_numbers', 'requests', 'request_field_values', 'request_tasks',
                             'request_history', 'request_claims', 'request_templates', 'request_notifications'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- CASE-6 search, as V7/V40 do it: under row-level security PostgreSQL applies `@@` and `%`
-- (not leakproof) only after the policy, so GIN indexes on `requests` would not be used.
-- `request_search` holds what the list filters, counts and finds, has no policy and is always
-- queried with an explicit tenant filter; the requests themselves are then read from
-- `requests` under the policy, so an id from here never brings another tenant's request back.
-- The document is indexed with both the Russian and the English configuration (morphology of
-- each language), the customer's name and the number with 'simple'.
create table request_search (
    request_id  uuid        primary key,
    tenant_id   uuid        not null,
    project_id  uuid        not null,
    type_code   varchar(32) not null,
    status_code varchar(32) not null,
    executor_id uuid,
    created_at  timestamptz not null,
    number      bigint      not null,
    document    tsvector    not null
);
create index request_search_document on request_search using gin (document);
create index request_search_order on request_search (tenant_id, created_at desc, number desc);
create index request_search_project on request_search (tenant_id, project_id, created_at desc);

-- The tenant's vocabulary (every word of its requests, lower-cased): a query word is widened to
-- the similar words found here by trigrams (pg_trgm), which covers forms the stemmers do not
-- join ("заявок" → "заявка") and one typo, before the full-text match.
create table request_search_words (
    tenant_id uuid not null,
    word      text not null,
    primary key (tenant_id, word)
);
create index request_search_words_trgm on request_search_words using gin (tenant_id, word gin_trgm_ops);

create function request_search_sync() returns trigger language plpgsql as
$$
declare
    body text;
begin
    if tg_op = 'DELETE' then
        delete from request_search where request_id = old.id;
        return null;
    end if;
    body := concat_ws(E'\n', new.subject, new.description);
    insert into request_search (request_id, tenant_id, project_id, type_code, status_code, executor_id, created_at, number, document)
    values (new.id, new.tenant_id, new.project_id, new.type_code, new.status_code, new.executor_id, new.created_at, new.number,
            setweight(to_tsvector('russian', new.subject), 'A') || setweight(to_tsvector('english', new.subject), 'A')
            || to_tsvector('russian', coalesce(new.description, '')) || to_tsvector('english', coalesce(new.description, ''))
            || to_tsvector('simple', concat_ws(' ', new.customer_name, new.number::text)))
    on conflict (request_id) do update set project_id = excluded.project_id, type_code = excluded.type_code,
        status_code = excluded.status_code, executor_id = excluded.executor_id, document = excluded.document;
    insert into request_search_words (tenant_id, word)
    select new.tenant_id, w from unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', body, new.customer_name)))) w
     where length(w) between 3 and 40
    on conflict do nothing;
    return null;
end
$$;
-- only the columns the search reads: SLA marks and version bumps do not rewrite the document
create trigger requests_search_sync
    after insert or update of subject, description, customer_name, status_code, type_code, executor_id, project_id
        or delete on requests
    for each row execute function request_search_sync();
