-- The time zone a tenant's daily rollups were built for (REP-11). A change of the tenant's zone
-- records the old one before it commits; the rebuild that follows (in the background) records
-- the new one. A node that starts and finds the two differ (it stopped mid-rebuild) rebuilds.
create table report_rollup_zones (
    tenant_id uuid        primary key references tenants (id),
    time_zone varchar(64) not null,
    built_at  timestamptz not null default now()
);

alter table report_rollup_zones enable row level security;
alter table report_rollup_zones force row level security;
create policy tenant_isolation on report_rollup_zones
    using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));

select set_config('linia.system', 'on', true);
insert into report_rollup_zones (tenant_id, time_zone) select id, time_zone from tenants;
