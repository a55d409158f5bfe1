-- The tables a history import fills by the million (TEL-4: a year of queue_log is 3 M calls,
-- 3 M legs, 10 M events, 4.5 M agent state intervals and as many rollup rows as legs) check their
-- references once per statement instead of once per row. A foreign key runs a query for every
-- row written; in the import that was about a quarter of the database's time (docs/benchmarks.md,
-- issue 5).
--
-- What the foreign keys guaranteed stays guaranteed, by triggers:
--   * rows inserted into these tables name an existing tenant (and agent_state_log rows an
--     existing user of the tenant): checked after each statement over the distinct values of
--     its new rows, which are locked FOR KEY SHARE as a foreign key locks them, so that none can
--     be deleted before the rows commit;
--   * an update that changes the tenant (or user) of a row checks the new one the same way;
--   * a tenant or user still named by a row of these tables cannot be deleted or renumbered.
-- Violations raise SQLSTATE 23503 (foreign_key_violation), as the foreign keys did.

create function linia_bulk_tables() returns text[] language sql immutable as $$
    select array['calls', 'call_legs', 'call_events', 'agent_state_log',
                 'report_rollup', 'report_rollup_queue', 'report_rollup_day']
$$;

create function linia_check_new_refs() returns trigger language plpgsql as $$
declare
    missing boolean;
begin
    select bool_or(t.id is null) into missing
      from (select distinct tenant_id from new_rows) n
      left join lateral (select id from tenants where id = n.tenant_id for key share) t on true;
    if missing then
        raise foreign_key_violation using message = format(
            'insert on table "%s" names a tenant that does not exist', tg_table_name);
    end if;
    if tg_table_name = 'agent_state_log' then
        -- users has row-level security: a user of a tenant the session does not see is not found either
        select bool_or(u.id is null) into missing
          from (select distinct user_id from new_rows) n
          left join lateral (select id from users where id = n.user_id for key share) u on true;
        if missing then
            raise foreign_key_violation using message = format(
                'insert on table "%s" names a user that does not exist', tg_table_name);
        end if;
    end if;
    return null;
end $$;

-- a row whose tenant or user changes (nothing in the application does that) is checked on its own
create function linia_check_changed_refs() returns trigger language plpgsql as $$
begin
    perform 1 from tenants where id = new.tenant_id for key share;
    if not found then
        raise foreign_key_violation using message = format(
            'update on table "%s" names a tenant that does not exist', tg_table_name);
    end if;
    if tg_table_name = 'agent_state_log' then
        perform 1 from users where id = new.user_id for key share;
        if not found then
            raise foreign_key_violation using message = format(
                'update on table "%s" names a user that does not exist', tg_table_name);
        end if;
    end if;
    return new;
end $$;

-- Whether rows of these tables still name a deleted (or renumbered) tenant or user. Their
-- row-level security would hide another tenant's rows from the check, so it looks as the system
-- does (a foreign key's check skips row-level security too) and restores the setting after.
create function linia_check_referenced() returns trigger language plpgsql as $$
declare
    system text := current_setting('linia.system', true);
    t text;
    referenced boolean := false;
begin
    perform set_config('linia.system', 'on', true);
    if tg_table_name = 'tenants' then
        foreach t in array linia_bulk_tables() loop
            execute format('select exists (select 1 from %I where tenant_id = $1)', t) into referenced using old.id;
            exit when referenced;
        end loop;
    else
        referenced := exists (select 1 from agent_state_log where tenant_id = old.tenant_id and user_id = old.id);
    end if;
    perform set_config('linia.system', coalesce(system, ''), true);
    if referenced then
        raise foreign_key_violation using message = format(
            'the %s %s is still named by rows of calls, call events, agent states or rollups', tg_table_name, old.id);
    end if;
    return null;
end $$;

do $$
declare t text;
begin
    foreach t in array linia_bulk_tables() loop
        execute format('alter table %I drop constraint %I', t, t || '_tenant_id_fkey');
        execute format('create trigger linia_check_new_refs after insert on %I referencing new table as new_rows'
                       ' for each statement execute function linia_check_new_refs()', t);
        execute format('create trigger linia_check_changed_refs before update on %I for each row'
                       ' when (new.tenant_id is distinct from old.tenant_id%s) execute function linia_check_changed_refs()',
                       t, case when t = 'agent_state_log' then ' or new.user_id is distinct from old.user_id' else '' end);
    end loop;
end $$;
alter table agent_state_log drop constraint agent_state_log_user_id_fkey;

create trigger linia_check_deleted_refs after delete on tenants
    for each row execute function linia_check_referenced();
create trigger linia_check_renumbered_refs after update of id on tenants
    for each row when (new.id is distinct from old.id) execute function linia_check_referenced();
create trigger linia_check_deleted_refs after delete on users
    for each row execute function linia_check_referenced();
create trigger linia_check_renumbered_refs after update of id on users
    for each row when (new.id is distinct from old.id) execute function linia_check_referenced();
