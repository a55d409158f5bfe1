-- REP-8 over long ranges (REP-11): an operator's time per state and missed calls per day of the
-- tenant's zone, kept current by triggers from every writer of agent_state_log (the ACD, the
-- Asterisk imports and followers, the demo) and of call_events. The agents report adds whole
-- days from here and reads only the ragged ends of a range from the logs themselves.

create table report_agent_day_states (
    tenant_id uuid        not null references tenants (id),
    day       date        not null,
    user_id   uuid        not null,
    state     varchar(16) not null,
    ms        bigint      not null,
    primary key (tenant_id, day, user_id, state)
);

create table report_agent_day_missed (
    tenant_id uuid   not null references tenants (id),
    day       date   not null,
    user_id   uuid   not null,
    queue_id  uuid   not null, -- the nil uuid for a ring outside any queue
    missed    bigint not null,
    primary key (tenant_id, day, user_id, queue_id)
);

do $$
declare t text;
begin
    foreach t in array array['report_agent_day_states', 'report_agent_day_missed'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- The ragged ends of a range read the log around them; an interval longer than a day is found
-- through this (small) index instead of scanning everything that started before.
create index agent_state_log_long on agent_state_log (tenant_id, ended_at)
    where ended_at - started_at > interval '1 day';
-- and the intervals still open (one per operator at most) without reading the closed ones
create index agent_state_log_open on agent_state_log (tenant_id) where ended_at is null;

-- Adds closed intervals, split at the midnights of the tenant's zone. OFFLINE is not counted.
create function report_agent_day_states_add(zone text, s timestamptz, e timestamptz)
    returns table (day date, ms bigint) language sql stable as $$
    select d::date,
           (extract(epoch from least(e, (d::date + 1)::timestamp at time zone zone)
                             - greatest(s, d::date::timestamp at time zone zone)) * 1000)::bigint
      from generate_series((s at time zone zone)::date, ((e - interval '1 microsecond') at time zone zone)::date,
                           interval '1 day') as d
$$;

create function report_agent_states_inserted() returns trigger language plpgsql as $$
begin
    insert into report_agent_day_states (tenant_id, day, user_id, state, ms)
    select n.tenant_id, p.day, n.user_id, n.state, sum(p.ms)
      from new_rows n
      join tenants t on t.id = n.tenant_id
      cross join lateral report_agent_day_states_add(t.time_zone, n.started_at, n.ended_at) p
     where n.ended_at is not null and n.ended_at > n.started_at and n.state <> 'OFFLINE'
     group by n.tenant_id, p.day, n.user_id, n.state
    on conflict (tenant_id, day, user_id, state) do update set ms = report_agent_day_states.ms + excluded.ms;
    return null;
end $$;

create function report_agent_states_closed() returns trigger language plpgsql as $$
begin
    insert into report_agent_day_states (tenant_id, day, user_id, state, ms)
    select n.tenant_id, p.day, n.user_id, n.state, sum(p.ms)
      from new_rows n
      join old_rows o on o.id = n.id
      join tenants t on t.id = n.tenant_id
      cross join lateral report_agent_day_states_add(t.time_zone, n.started_at, n.ended_at) p
     where o.ended_at is null and n.ended_at is not null and n.ended_at > n.started_at and n.state <> 'OFFLINE'
     group by n.tenant_id, p.day, n.user_id, n.state
    on conflict (tenant_id, day, user_id, state) do update set ms = report_agent_day_states.ms + excluded.ms;
    return null;
end $$;

create trigger report_agent_states_inserted after insert on agent_state_log
    referencing new table as new_rows for each statement execute function report_agent_states_inserted();
create trigger report_agent_states_closed after update on agent_state_log
    referencing old table as old_rows new table as new_rows for each statement execute function report_agent_states_closed();

create function report_agent_missed_inserted() returns trigger language plpgsql as $$
begin
    insert into report_agent_day_missed (tenant_id, day, user_id, queue_id, missed)
    select n.tenant_id, (n.at at time zone t.time_zone)::date, n.agent_id,
           coalesce(n.queue_id, '00000000-0000-0000-0000-000000000000'), count(*)
      from new_rows n
      join tenants t on t.id = n.tenant_id
     where n.type = 'ring_no_answer' and n.agent_id is not null
     group by 1, 2, 3, 4
    on conflict (tenant_id, day, user_id, queue_id) do update set missed = report_agent_day_missed.missed + excluded.missed;
    return null;
end $$;

create trigger report_agent_missed_inserted after insert on call_events
    referencing new table as new_rows for each statement execute function report_agent_missed_inserted();

-- Builds a tenant's rows from its logs (the migration, a rebuild, a change of the tenant's zone).
create function report_agent_days_rebuild(tenant uuid) returns bigint language plpgsql as $$
declare written bigint; more bigint;
begin
    delete from report_agent_day_states where tenant_id = tenant;
    delete from report_agent_day_missed where tenant_id = tenant;
    insert into report_agent_day_states (tenant_id, day, user_id, state, ms)
    select a.tenant_id, p.day, a.user_id, a.state, sum(p.ms)
      from agent_state_log a
      join tenants t on t.id = a.tenant_id
      cross join lateral report_agent_day_states_add(t.time_zone, a.started_at, a.ended_at) p
     where a.tenant_id = tenant and a.ended_at is not null and a.ended_at > a.started_at and a.state <> 'OFFLINE'
     group by a.tenant_id, p.day, a.user_id, a.state;
    get diagnostics written = row_count;
    insert into report_agent_day_missed (tenant_id, day, user_id, queue_id, missed)
    select e.tenant_id, (e.at at time zone t.time_zone)::date, e.agent_id,
           coalesce(e.queue_id, '00000000-0000-0000-0000-000000000000'), count(*)
      from call_events e
      join tenants t on t.id = e.tenant_id
     where e.tenant_id = tenant and e.type = 'ring_no_answer' and e.agent_id is not null
     group by 1, 2, 3, 4;
    get diagnostics more = row_count;
    return written + more;
end $$;

-- the migration sees every tenant's rows (linia_tenant_visible)
select set_config('linia.system', 'on', true);
select report_agent_days_rebuild(id) from tenants;
