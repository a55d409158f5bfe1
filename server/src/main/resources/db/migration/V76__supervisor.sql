-- RT-7 (beyond): per-queue thresholds that colour a tile on the wallboard and the supervisor's
-- view. Each figure has a warning (amber) and an alarm (red) level; null = not watched. A queue
-- without a row uses the defaults of io.linia.acd.QueueThresholds (amber while a call waits, red
-- under 80 % service level: the wallboard's rule before thresholds existed).
create table queue_thresholds (
    tenant_id                  uuid         not null references tenants (id),
    queue_id                   uuid         not null references acd_queues (id) on delete cascade,
    waiting_warn               integer,
    waiting_alarm              integer,
    longest_wait_warn_seconds  integer,
    longest_wait_alarm_seconds integer,
    service_level_warn         numeric(4, 1),
    service_level_alarm        numeric(4, 1),
    updated_at                 timestamptz  not null,
    primary key (tenant_id, queue_id)
);
alter table queue_thresholds enable row level security;
alter table queue_thresholds force row level security;
create policy tenant_isolation on queue_thresholds using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));

-- ACD-11: AGENT_CONTROL (force an agent's state, move agents between queues, listen / whisper /
-- barge) for the built-in supervisor and administrator roles of existing tenants (inside the
-- system scope: roles is under row-level security); new tenants get it from BuiltInRole.
select set_config('linia.system', 'on', true);
update roles set permissions = array_append(permissions, 'AGENT_CONTROL')
 where builtin and code in ('administrator', 'project_group_manager')
   and not ('AGENT_CONTROL' = any (permissions));
select set_config('linia.system', 'off', true);
