-- Identity: tenants, users, roles, tokens (ID-1..3, ID-5, SEC-1).
-- Tenant-owned tables carry tenant_id, and row-level security admits only the rows of the
-- tenant in the session setting linia.tenant_id (or every row in the narrow system scope).
-- FORCE makes the policies bind the table owner too; only superusers skip them.

create extension if not exists pg_trgm;

create table tenants (
    id               uuid primary key default gen_random_uuid(),
    code             varchar(63)  not null,
    name             varchar(200) not null,
    status           varchar(16)  not null default 'active' check (status in ('active', 'suspended')),
    time_zone        varchar(64)  not null default 'UTC',
    default_language varchar(8)   not null default 'ru',
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
create unique index tenants_code_uq on tenants (code);

create table users (
    id                   uuid primary key default gen_random_uuid(),
    tenant_id            uuid         not null references tenants (id),
    login                varchar(64)  not null,
    full_name            varchar(200) not null,
    email                varchar(254),
    extension            varchar(20),
    agent_pin_hash       varchar(200),
    language             varchar(8),
    time_zone            varchar(64),
    -- active; blocked by an admin; disabled for inactivity (SEC-3); history stays in every case
    status               varchar(16)  not null default 'active' check (status in ('active', 'blocked', 'disabled')),
    password_hash        varchar(200),
    password_changed_at  timestamptz,
    must_change_password boolean      not null default false,
    failed_logins        integer      not null default 0,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    deleted_at           timestamptz,
    version              integer      not null default 0
);
-- one live login per tenant, case-insensitive; a deleted user's login may be reused
create unique index users_login_uq on users (tenant_id, lower(login)) where deleted_at is null;
-- search by name/login within a tenant (ID-2): trigram indexes answer substring searches
create index users_tenant_idx on users (tenant_id, lower(full_name), id);
create index users_name_trgm on users using gin (lower(full_name) gin_trgm_ops);
create index users_login_trgm on users using gin (lower(login) gin_trgm_ops);
create index users_extension_idx on users (tenant_id, extension) where extension is not null;

create table user_skills (
    tenant_id uuid        not null references tenants (id),
    user_id   uuid        not null references users (id),
    skill     varchar(64) not null,
    level     smallint    not null check (level between 1 and 10),
    primary key (user_id, skill)
);

create table roles (
    id          uuid primary key default gen_random_uuid(),
    tenant_id   uuid         not null references tenants (id),
    code        varchar(64)  not null,
    name        varchar(200) not null,
    builtin     boolean      not null default false,
    permissions text[]       not null default '{}',
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index roles_code_uq on roles (tenant_id, code);

create table user_roles (
    tenant_id uuid not null references tenants (id),
    user_id   uuid not null references users (id),
    role_id   uuid not null references roles (id),
    primary key (user_id, role_id)
);
create index user_roles_role_idx on user_roles (role_id);

create table password_history (
    tenant_id     uuid         not null references tenants (id),
    user_id       uuid         not null references users (id),
    password_hash varchar(200) not null,
    created_at    timestamptz  not null
);
create index password_history_user_idx on password_history (user_id, created_at desc);

-- Bearer tokens: sign-in tokens from POST /api/v1/auth/token and API tokens (ID-5).
-- Only the SHA-256 of a token is stored; the token itself is shown once.
create table auth_tokens (
    id           uuid primary key default gen_random_uuid(),
    tenant_id    uuid         not null references tenants (id),
    user_id      uuid         not null references users (id),
    kind         varchar(16)  not null check (kind in ('session', 'api')),
    name         varchar(100),
    scopes       text[],
    token_hash   char(64)     not null,
    created_at   timestamptz  not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_by   uuid
);
create unique index auth_tokens_hash_uq on auth_tokens (token_hash);
create index auth_tokens_user_idx on auth_tokens (tenant_id, user_id);

-- The row-level-security policy every tenant table gets.
create function linia_tenant_visible(row_tenant uuid) returns boolean
    language sql stable as
$$
select current_setting('linia.system', true) = 'on'
    or row_tenant = nullif(current_setting('linia.tenant_id', true), '')::uuid
$$;

do $$
declare t text;
begin
    foreach t in array array['users', 'user_skills', 'roles', 'user_roles', 'password_history', 'auth_tokens'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;
