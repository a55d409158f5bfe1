-- SEC-8: the networks a tenant's API clients and sign-ins may come from (empty = anywhere).
create table tenant_networks (
    tenant_id        uuid primary key references tenants (id),
    allowed_networks text[]      not null default '{}',
    updated_at       timestamptz not null
);
alter table tenant_networks enable row level security;
alter table tenant_networks force row level security;
create policy tenant_isolation on tenant_networks using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
