-- Imports of another system's call history (TEL-4): an Asterisk queue_log uploaded or read from
-- a file the installation allows, with progress while it runs and what it found when done.
create table history_imports (
    id             uuid primary key,
    tenant_id      uuid         not null references tenants (id),
    source         varchar(16)  not null,          -- upload or path
    name           varchar(500) not null,          -- the file's name or path
    follow         boolean      not null default false,
    status         varchar(12)  not null,          -- queued, running, done, failed, following, stopped
    bytes_total    bigint,
    bytes_read     bigint       not null default 0,
    lines          bigint       not null default 0,
    calls          bigint       not null default 0,  -- calls new to the store
    calls_stored   bigint       not null default 0,  -- calls the store had already (a re-import)
    calls_open     bigint       not null default 0,  -- calls without an end in the file (not imported)
    state_intervals bigint      not null default 0,
    malformed      bigint       not null default 0,
    -- the first malformed lines (line number, reason, text), verbs not known, queues created,
    -- how each agent was matched and the agents that matched nobody
    report         jsonb        not null default '{}',
    -- where a follow goes on from, and the agents' states there
    cursor_state   jsonb,
    error          text,
    options        jsonb        not null default '{}',
    created_by     uuid,
    created_at     timestamptz  not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
create index history_imports_tenant on history_imports (tenant_id, created_at desc);
alter table history_imports enable row level security;
alter table history_imports force row level security;
create policy tenant_isolation on history_imports using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
