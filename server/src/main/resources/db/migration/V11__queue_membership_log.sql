-- ACD-2/ACD-3: when each agent was in each queue, so time is accounted per agent, per queue,
-- per day.
create table queue_membership_log (
    id        bigint generated always as identity primary key,
    tenant_id uuid        not null references tenants (id),
    queue_id  uuid        not null,
    user_id   uuid        not null references users (id),
    joined_at timestamptz not null,
    left_at   timestamptz
);
create index queue_membership_log_user on queue_membership_log (tenant_id, user_id, joined_at);
alter table queue_membership_log enable row level security;
alter table queue_membership_log force row level security;
create policy tenant_isolation on queue_membership_log using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
