-- Report facts (REP-1..8, REP-11): one row per visit of a call to a queue ("leg"): a transferred
-- or overflowed call has one leg per queue, so per-queue and per-operator figures count each
-- queue's part. Written by the ACD in the same transaction as the call events (CallRecorder).
create table call_legs (
    tenant_id     uuid        not null references tenants (id),
    call_id       varchar(64) not null,
    leg           smallint    not null,
    queue_id      uuid        not null,
    caller        varchar(64),
    entered_at    timestamptz not null,
    position      integer     not null,
    -- the operator who answered, and the number they had then (numbers get reassigned)
    agent_id      uuid,
    agent_number  varchar(20),
    connected_at  timestamptz,
    ended_at      timestamptz,
    wait_ms       bigint,
    talk_ms       bigint,
    -- open, answered, abandoned, timeout, overflow, callback
    outcome       varchar(12) not null default 'open',
    -- caller, agent or transfer for answered legs
    ended_by      varchar(10),
    ring_no_answer smallint   not null default 0,
    -- the queue's service-level target and the tenant's short-abandon threshold when the call came
    sl_seconds    integer     not null,
    short_abandon_seconds integer not null,
    primary key (tenant_id, call_id, leg)
);
-- range scans and keyset pages of the detail reports
create index call_legs_entered on call_legs (tenant_id, entered_at, call_id, leg);
create index call_legs_agent on call_legs (tenant_id, agent_id, entered_at) where agent_id is not null;

-- Rollups kept current from the legs as they end (REP-11): per 15 minutes (every time zone's
-- hours start on a quarter), queue and answering operator (the nil uuid for legs nobody answered).
create table report_rollup (
    tenant_id      uuid        not null references tenants (id),
    slot           timestamptz not null,
    queue_id       uuid        not null,
    agent_id       uuid        not null,
    offered        integer     not null default 0,
    answered       integer     not null default 0,
    abandoned      integer     not null default 0,
    short_abandoned integer    not null default 0,
    timed_out      integer     not null default 0,
    overflowed     integer     not null default 0,
    ended_by_caller integer    not null default 0,
    ended_by_agent integer     not null default 0,
    transferred    integer     not null default 0,
    answered_in_sl integer     not null default 0,
    abandoned_in_sl integer    not null default 0,
    max_position   integer     not null default 0,
    ans_wait_sum   bigint      not null default 0,
    ans_wait_min   bigint,
    ans_wait_max   bigint,
    lost_wait_sum  bigint      not null default 0,
    lost_wait_min  bigint,
    lost_wait_max  bigint,
    talk_sum       bigint      not null default 0,
    talk_min       bigint,
    talk_max       bigint,
    xfer_wait_sum  bigint      not null default 0,
    xfer_talk_sum  bigint      not null default 0,
    ring_no_answer integer     not null default 0,
    -- answered and lost legs per wait bucket (REP-6): (0,5], (5,10], … (120,300], over 300
    ans_buckets    integer[]   not null default '{0,0,0,0,0,0,0,0,0,0}',
    lost_buckets   integer[]   not null default '{0,0,0,0,0,0,0,0,0,0}',
    primary key (tenant_id, slot, queue_id, agent_id)
);

-- REP-10: which service-level formula the tenant reports, and below what wait an abandon is "short"
create table report_settings (
    tenant_id              uuid primary key references tenants (id),
    sl_formula             varchar(8) not null default 'SL',
    short_abandon_seconds  integer    not null default 5,
    exclude_short_abandons boolean    not null default false,
    updated_at             timestamptz not null
);

do $$
declare t text;
begin
    foreach t in array array['call_legs', 'report_rollup', 'report_settings'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- REP-6 wait buckets (previous, limit] with limits 5, 10, 15, 30, 45, 60, 90, 120, 300 s and
-- "over 300": a vector with a 1 in the bucket of wait_ms (a wait of 0 is in the first)
create function linia_wait_buckets(wait_ms bigint) returns integer[]
    language sql immutable parallel safe as $$
    select array(select case when i = case when wait_ms <= 5000 then 1 when wait_ms <= 10000 then 2
                                           when wait_ms <= 15000 then 3 when wait_ms <= 30000 then 4
                                           when wait_ms <= 45000 then 5 when wait_ms <= 60000 then 6
                                           when wait_ms <= 90000 then 7 when wait_ms <= 120000 then 8
                                           when wait_ms <= 300000 then 9 else 10 end
                             then 1 else 0 end
                   from generate_series(1, 10) i order by i)
$$;

create function linia_int_array_add(a integer[], b integer[]) returns integer[]
    language sql immutable strict parallel safe as $$
    select array(select x + y from unnest(a, b) with ordinality as t(x, y, i) order by i)
$$;

create aggregate linia_int_array_sum(integer[]) (
    sfunc = linia_int_array_add, stype = integer[], initcond = '{0,0,0,0,0,0,0,0,0,0}', parallel = safe
);
