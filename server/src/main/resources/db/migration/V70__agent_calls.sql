-- Agents' own calls (WS-3, TEL-1): an outbound call or a consultation leg is placed by an agent
-- (from_agent_id); a consultation leg belongs to the held call it consults about (parent_call_id).
-- direction is now 'inbound', 'outbound' (to a number) or 'internal' (agent to agent or queue).
alter table calls add column from_agent_id uuid;
alter table calls add column parent_call_id varchar(64);
create index calls_from_agent on calls (tenant_id, from_agent_id, arrived_at) where from_agent_id is not null;
