-- CASE-3: durable SLA escalation (docs/requests.md "SLA and escalation"). The next deadline of a
-- request still to be escalated is a column PostgreSQL computes from the row itself, so no write
-- path can forget it: the reaction deadline while the request has neither reacted nor been marked
-- overdue for it, the resolution deadline while not marked overdue for it; none once resolved.
-- The sweep (SlaSweep) claims due rows through the partial index in (due, tenant, id) order with
-- FOR UPDATE SKIP LOCKED, so nodes share the work and nothing is kept in memory per request.
alter table requests add column sla_due_at timestamptz generated always as (
    case when resolved_at is null then least(
        case when reacted_at is null and reaction_overdue_at is null then reaction_due_at end,
        case when resolution_overdue_at is null then resolution_due_at end) end) stored;

create index requests_sla_due on requests (sla_due_at, tenant_id, id) where sla_due_at is not null;

-- the start-up scan of the in-memory timers is gone
drop index requests_open_deadlines;
