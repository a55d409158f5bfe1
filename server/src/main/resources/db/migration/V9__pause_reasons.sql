-- ACD-3: the reasons an agent may give for a pause, per tenant. A tenant without its own list
-- uses the platform's defaults (PauseReasons.DEFAULTS).
create table pause_reasons (
    tenant_id uuid         not null references tenants (id),
    code      varchar(64)  not null,
    name      varchar(200) not null,
    position  integer      not null,
    primary key (tenant_id, code)
);
alter table pause_reasons enable row level security;
alter table pause_reasons force row level security;
create policy tenant_isolation on pause_reasons using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
