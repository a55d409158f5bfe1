-- Audit log (AUD-1, AUD-2). Append-only.
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
    before_state  jsonb,
    after_state   jsonb
);
create index audit_log_tenant_at on audit_log (tenant_id, at desc);
