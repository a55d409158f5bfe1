-- Queues, agents' queue membership, call events and call summaries (ACD-1..3, ACD-10).

create table acd_queues (
    id                      uuid primary key default gen_random_uuid(),
    tenant_id               uuid         not null references tenants (id),
    number                  varchar(20)  not null,
    name                    varchar(200) not null,
    strategy                varchar(20)  not null,
    required_skills         jsonb        not null default '{}',
    priority                integer      not null default 0,
    service_level_seconds   integer      not null default 20,
    max_wait_seconds        integer,
    overflow_kind           varchar(16)  not null default 'NONE',
    overflow_target         varchar(200),
    max_length              integer      not null default 0,
    wrap_up_seconds         integer      not null default 0,
    ring_timeout_seconds    integer      not null default 20,
    pause_on_no_answer      boolean      not null default true,
    overflow_when_no_agents boolean      not null default false,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    version                 integer      not null default 0
);
create unique index acd_queues_number_uq on acd_queues (tenant_id, number);

create table acd_queue_members (
    tenant_id uuid        not null references tenants (id),
    queue_id  uuid        not null references acd_queues (id) on delete cascade,
    user_id   uuid        not null references users (id),
    joined_at timestamptz not null,
    primary key (queue_id, user_id)
);
create index acd_queue_members_user on acd_queue_members (tenant_id, user_id);

-- Every step of every call, with a millisecond timestamp (ACD-10); reports read these.
create table call_events (
    id        bigint generated always as identity primary key,
    tenant_id uuid        not null references tenants (id),
    call_id   varchar(64) not null,
    at        timestamptz not null,
    type      varchar(32) not null,
    queue_id  uuid,
    agent_id  uuid,
    data      jsonb       not null default '{}'
);
create index call_events_call on call_events (tenant_id, call_id, id);
create index call_events_at on call_events (tenant_id, at);

-- One row per call, completed as the call goes (ACD-10 summary).
create table calls (
    tenant_id    uuid        not null references tenants (id),
    id           varchar(64) not null,
    direction    varchar(10) not null,
    caller       varchar(64),
    dialled      varchar(64),
    queue_id     uuid,
    agent_id     uuid,
    arrived_at   timestamptz not null,
    connected_at timestamptz,
    ended_at     timestamptz,
    wait_ms      bigint,
    talk_ms      bigint,
    outcome      varchar(20),
    ended_by     varchar(10),
    primary key (tenant_id, id)
);
create index calls_arrived on calls (tenant_id, arrived_at);

-- Agent state intervals, for time per state per agent per day (ACD-3).
create table agent_state_log (
    id         bigint generated always as identity primary key,
    tenant_id  uuid        not null references tenants (id),
    user_id    uuid        not null references users (id),
    state      varchar(16) not null,
    reason     varchar(64),
    started_at timestamptz not null,
    ended_at   timestamptz
);
create index agent_state_log_user on agent_state_log (tenant_id, user_id, started_at);

do $$
declare t text;
begin
    foreach t in array array['acd_queues', 'acd_queue_members', 'call_events', 'calls', 'agent_state_log'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- Administrators of existing tenants may drive the simulated switch (TEL-5); new tenants get
-- it from the built-in role definition.
update roles set permissions = array_append(permissions, 'SIMULATION_CONTROL')
 where builtin and code = 'administrator' and not ('SIMULATION_CONTROL' = any (permissions));
update roles set permissions = array_append(permissions, 'QUEUE_MANAGE')
 where builtin and code = 'administrator' and not ('QUEUE_MANAGE' = any (permissions));
