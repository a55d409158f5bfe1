-- AUD-5 retention. Purging the oldest entries of a chain keeps the rest verifiable: the
-- anchor stores the hash of the newest purged entry, which is the prev_hash the oldest kept
-- entry must carry. Verification starts from the anchor instead of the genesis hash.
create table audit_chain_anchor (
    chain_id       uuid primary key,
    anchor_hash    char(64)    not null,
    anchor_id      bigint      not null,
    purged_entries bigint      not null,
    purged_before  timestamptz not null,
    purged_at      timestamptz not null
);

-- Still append-only: UPDATE is always refused, DELETE only inside the retention purge, which
-- sets linia.audit_purge for its own transaction.
create or replace function audit_log_append_only() returns trigger language plpgsql as
$$
begin
    if tg_op = 'DELETE' and current_setting('linia.audit_purge', true) = 'on' then
        return old;
    end if;
    raise exception 'audit_log is append-only (AUD-4)';
end
$$;
