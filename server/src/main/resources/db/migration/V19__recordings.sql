-- Call recordings (TEL-6): the audio itself is in the file store, encrypted with the tenant's
-- data key (SEC-5); here is what it belongs to and how it went. Pauses are SEC-7's.
create table recordings (
    tenant_id  uuid         not null references tenants (id),
    id         uuid         not null,
    call_id    varchar(64)  not null,
    source     varchar(10)  not null,
    format     varchar(10)  not null,
    status     varchar(12)  not null,
    started_at timestamptz  not null,
    ended_at   timestamptz,
    size_bytes bigint,
    pauses     integer      not null default 0,
    error      varchar(300),
    primary key (tenant_id, id)
);
create index recordings_call on recordings (tenant_id, call_id);
alter table recordings enable row level security;
alter table recordings force row level security;
create policy tenant_isolation on recordings using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));

-- Whether calls routed over ARI are recorded (TEL-2, TEL-6)
alter table asterisk_settings add column ari_record boolean not null default true;
