-- IVR flows (ACD-8): entered by the dialled number; nodes kept as the API sent them, after
-- validation by the engine's IvrFlow.
create table ivr_flows (
    id         uuid primary key default gen_random_uuid(),
    tenant_id  uuid         not null references tenants (id),
    number     varchar(20)  not null,
    name       varchar(200) not null,
    entry      varchar(64)  not null,
    nodes      jsonb        not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    version    integer      not null default 0
);
create unique index ivr_flows_number_uq on ivr_flows (tenant_id, number);
alter table ivr_flows enable row level security;
alter table ivr_flows force row level security;
create policy tenant_isolation on ivr_flows using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));

-- the topic a call was given in the IVR (ACD-8), for the operator's card and reports
alter table calls add column topic varchar(64);
