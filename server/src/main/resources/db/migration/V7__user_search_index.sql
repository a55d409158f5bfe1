-- ID-2/ID-6: substring search by name or login inside one tenant, fast in a 50,000-user tenant.
--
-- Why a side table: under row-level security PostgreSQL evaluates a query's LIKE (not a
-- "leakproof" function) only after the policy, so it cannot drive an index on `users`; the
-- search would walk the whole tenant. `user_search` holds only what the search needs and has
-- no policy, so its trigram index is used; the search takes ids from it (always with an
-- explicit tenant filter) and reads the users themselves from `users`, under the policy. A
-- wrong id can therefore never bring another tenant's user back: the second lock holds.
create extension if not exists btree_gin;

create table user_search (
    user_id    uuid primary key references users (id),
    tenant_id  uuid        not null,
    name_key   text        not null,  -- lower(full_name): the list order
    search_key text        not null,  -- lower(full_name) || newline || lower(login)
    status     varchar(16) not null,
    deleted    boolean     not null,
    extension  varchar(20)
);
-- fastupdate off: users change rarely and are searched often; no pending list to scan per search
create index user_search_trgm on user_search using gin (tenant_id, search_key gin_trgm_ops) with (fastupdate = off);

create function user_search_sync() returns trigger language plpgsql as
$$
begin
    insert into user_search (user_id, tenant_id, name_key, search_key, status, deleted, extension)
    values (new.id, new.tenant_id, lower(new.full_name), lower(new.full_name) || E'\n' || lower(new.login),
            new.status, new.deleted_at is not null, new.extension)
    on conflict (user_id) do update
        set name_key = excluded.name_key, search_key = excluded.search_key, status = excluded.status,
            deleted = excluded.deleted, extension = excluded.extension;
    return null;
end
$$;
create trigger users_search_sync after insert or update of full_name, login, status, deleted_at, extension on users
    for each row execute function user_search_sync();

insert into user_search (user_id, tenant_id, name_key, search_key, status, deleted, extension)
select id, tenant_id, lower(full_name), lower(full_name) || E'\n' || lower(login), status, deleted_at is not null, extension
  from users;

-- the global trigram indexes of V1 served the old search and are no longer used
drop index users_name_trgm;
drop index users_login_trgm;

-- the list without a query (and queries under three characters) walks the tenant in name order
create index user_search_order on user_search (tenant_id, name_key, user_id);
