-- SEC-1..4: the provider's policy (scope_id = the nil uuid) and each tenant's tightening.
-- A null column means "not set here": the provider's value, or the platform default.
create table security_policies (
    scope_id             uuid primary key,
    min_length           integer,
    require_letters      boolean,
    require_digits       boolean,
    require_mixed_case   boolean,
    require_symbols      boolean,
    history_size         integer,
    max_age_days         integer,
    max_failed_logins    integer,
    lockout_minutes      integer,
    admin_idle_minutes   integer,
    disable_unused_days  integer,
    updated_at           timestamptz not null
);
alter table security_policies enable row level security;
alter table security_policies force row level security;
-- everyone reads the provider row; a tenant reads and writes only its own
create policy tenant_isolation on security_policies
    using (scope_id = '00000000-0000-0000-0000-000000000000' or linia_tenant_visible(scope_id))
    with check (linia_tenant_visible(scope_id));
