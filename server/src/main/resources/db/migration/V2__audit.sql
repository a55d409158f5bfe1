-- Audit log (AUD-1, AUD-2, AUD-4, AUD-5): append-only, one hash chain per tenant
-- (and one for platform entries without a tenant).
create table audit_log (
    id            bigint generated always as identity primary key,
    tenant_id     uuid,
    at            timestamptz  not null,
    actor_id      uuid,
    actor_login   varchar(200),
    ip            varchar(64),
    action        varchar(64)  not null,
    resource_type varchar(64),
    resource_id   varchar(200),
    result        varchar(64)  not null,
    -- before/after as the exact JSON text that was hashed (jsonb would reorder keys)
    before_state  text,
    after_state   text,
    prev_hash     char(64)     not null,
    hash          char(64)     not null
);
-- the last-3-months queries and the chain walk (AUD-5)
create index audit_log_tenant_at on audit_log (tenant_id, at desc, id desc);
create index audit_log_tenant_id on audit_log (tenant_id, id);

-- The head of each chain: the hash of its newest entry. Appends lock this row, so two
-- concurrent appends to one chain never fork it. The nil uuid stands for the platform chain.
create table audit_chain_head (
    chain_id  uuid primary key,
    last_hash char(64) not null,
    entries   bigint   not null default 0
);

create function audit_log_append_only() returns trigger language plpgsql as
$$
begin
    raise exception 'audit_log is append-only (AUD-4)';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only();

alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy tenant_isolation on audit_log using (linia_tenant_visible(tenant_id)) with check (true);
