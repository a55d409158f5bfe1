-- How a tenant's calls reach Linia (TEL-7): the simulated switch, or an Asterisk over AMI
-- (PBX-routed, TEL-3). Secrets are encrypted with the tenant's data key (SEC-5).
create table asterisk_settings (
    tenant_id    uuid primary key references tenants (id),
    mode         varchar(12)  not null default 'SIMULATED',
    ami_host     varchar(255),
    ami_port     integer,
    ami_username varchar(100),
    ami_secret   bytea,
    updated_at   timestamptz  not null,
    version      integer      not null default 0
);
alter table asterisk_settings enable row level security;
alter table asterisk_settings force row level security;
create policy tenant_isolation on asterisk_settings using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
