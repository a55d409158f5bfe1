-- REP-8's ragged ends read the intervals that started in the day before an end, for every
-- operator at once: the (tenant_id, user_id, started_at) index cannot range over started_at
-- without a user, and a year of real logs is tens of millions of rows (measured: 6.5 s for a
-- year report with ragged ends over 29 million intervals, docs/benchmarks.md).
create index agent_state_log_started on agent_state_log (tenant_id, started_at);
