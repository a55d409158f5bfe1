-- Projects (SPEC §2 "Project manager", CASE-2) with their managers and members, and the VIP
-- list per project (CRM-4); docs/projects.md. Tenant-owned with the usual policy.

create table projects (
    tenant_id   uuid          not null references tenants (id),
    id          uuid          not null,
    code        varchar(32)   not null,
    name        varchar(200)  not null,
    description varchar(2000),
    active      boolean       not null default true,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     integer       not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, code)
);

-- Who works in a project: MANAGER configures it and handles its claims, MEMBER works on it.
create table project_members (
    tenant_id  uuid        not null,
    project_id uuid        not null,
    user_id    uuid        not null,
    role       varchar(10) not null check (role in ('MANAGER', 'MEMBER')),
    primary key (tenant_id, project_id, user_id),
    foreign key (tenant_id, project_id) references projects (tenant_id, id) on delete cascade
);
create index project_members_user on project_members (tenant_id, user_id);

-- CRM-4: a customer card on a project's VIP list, with its routing priority (1 lowest .. 100).
-- The card lives in the customers module; deleting the card leaves a row the API skips.
create table project_vips (
    tenant_id   uuid         not null,
    project_id  uuid         not null,
    customer_id uuid         not null,
    priority    smallint     not null check (priority between 1 and 100),
    note        varchar(500),
    added_at    timestamptz  not null,
    primary key (tenant_id, project_id, customer_id),
    foreign key (tenant_id, project_id) references projects (tenant_id, id) on delete cascade
);
-- "is this customer VIP, where": one probe per card
create index project_vips_customer on project_vips (tenant_id, customer_id);

do $$
declare t text;
begin
    foreach t in array array['projects', 'project_members', 'project_vips'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;
