-- WS-3: the result of a call, chosen by the operator in wrap-up from the tenant's list of result
-- codes (like pause reasons: the platform's defaults, WrapupCodes.DEFAULTS, until the tenant sets
-- its own), with a comment. Stored on the call's summary; the step itself is a 'wrapup' event.
create table wrapup_codes (
    tenant_id uuid         not null references tenants (id),
    code      varchar(64)  not null,
    name      varchar(200) not null,
    position  integer      not null,
    primary key (tenant_id, code)
);
alter table wrapup_codes enable row level security;
alter table wrapup_codes force row level security;
create policy tenant_isolation on wrapup_codes using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));

alter table calls add column result_code varchar(64);
alter table calls add column wrapup_comment varchar(2000);
alter table calls add column wrapped_up_by uuid;
alter table calls add column wrapped_up_at timestamptz;

-- "the agent's last call" (the wrap-up of a call that was not a queue leg, e.g. outbound)
create index calls_agent on calls (tenant_id, agent_id, arrived_at) where agent_id is not null;
