-- call_events is read by time only for rings without an answer (REP-8 "missed" per operator,
-- an operator's day in CallStatistics); the timeline of a call reads call_events_call. A
-- partial index serves those reads (with the columns they filter and group by) and spares
-- every other event - ~95 % of them: each call's enter, connect and complete - an index
-- entry. An import of a year of queue_log writes ten million events (TEL-4, REP-11).
create index call_events_ring_no_answer on call_events (tenant_id, at) include (agent_id, queue_id)
    where type = 'ring_no_answer';
drop index call_events_at;
