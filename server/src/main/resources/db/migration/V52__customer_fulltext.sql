-- Full-text search over customer cards (KB-3 / issue 6 search; docs/search.md). The customers
-- module owns the cards (V40); this side table only follows them, kept by triggers, so the
-- search works without the customers module knowing of it.
--
-- What is indexed: the display name (title), organization, position, status, region, city,
-- address, website, phones (E.164 and as typed), e-mails and notes. Custom field values are
-- not: some are confidential and stored only encrypted (SEC-5).
--
-- No row-level-security policy (the GIN index must serve @@, which is not leakproof); queries
-- filter by tenant explicitly and join back to `customers`, which is read under the policy.
create table customer_fulltext (
    customer_id uuid primary key,
    tenant_id   uuid         not null,
    title       varchar(400) not null,
    body        text         not null,
    doc         tsvector     not null
);
create index customer_fulltext_doc on customer_fulltext using gin (tenant_id, doc) with (fastupdate = off);

-- Rebuilds the documents of these cards of one tenant from the cards as they are now (a card that
-- is gone loses its document). Set-based: a CSV import of many cards refreshes them in one go.
create function customer_fulltext_refresh(tenant uuid, ids uuid[]) returns void language plpgsql as
$$
begin
    delete from customer_fulltext f
     where f.customer_id = any (ids)
       and not exists (select 1 from customers c where c.tenant_id = tenant and c.id = f.customer_id);
    with docs as (
        select c.id, c.tenant_id, c.display_name as title,
               concat_ws(E'\n', c.holding, c.industry, c.position, c.status, c.region, c.city, c.address, c.website,
                         (select string_agg(p.raw || ' ' || p.e164 || ' ' || substr(p.e164, 2), E'\n' order by p.position)
                            from customer_phones p where p.tenant_id = c.tenant_id and p.customer_id = c.id),
                         (select string_agg(e.address, E'\n' order by e.position)
                            from customer_emails e where e.tenant_id = c.tenant_id and e.customer_id = c.id),
                         (select string_agg(n.text, E'\n' order by n.created_at)
                            from customer_notes n where n.tenant_id = c.tenant_id and n.customer_id = c.id)) as body
          from customers c
         where c.tenant_id = tenant and c.id = any (ids)
    ), stored as (
        insert into customer_fulltext (customer_id, tenant_id, title, body, doc)
        select id, tenant_id, title, body, linia_tsvector(title, body) from docs
        on conflict (customer_id) do update set title = excluded.title, body = excluded.body, doc = excluded.doc
        returning title, body
    )
    insert into search_words (tenant_id, word)
    select distinct tenant, w
      from stored, regexp_split_to_table(translate(lower(stored.title || E'\n' || stored.body), 'ё', 'е'), '[^[:alnum:]]+') w
     where length(w) between 3 and 40 and w !~ '^[0-9]+$'
    on conflict do nothing;
end
$$;

-- Statement-level triggers with transition tables: one refresh per statement and tenant,
-- however many rows it touched.
create function customer_fulltext_cards() returns trigger language plpgsql as
$$
declare r record;
begin
    if tg_op = 'DELETE' then
        for r in select tenant_id, array_agg(id) ids from old_rows group by tenant_id loop
            perform customer_fulltext_refresh(r.tenant_id, r.ids);
        end loop;
    else
        for r in select tenant_id, array_agg(id) ids from new_rows group by tenant_id loop
            perform customer_fulltext_refresh(r.tenant_id, r.ids);
        end loop;
    end if;
    return null;
end
$$;

create function customer_fulltext_parts() returns trigger language plpgsql as
$$
declare r record;
begin
    if tg_op = 'DELETE' then
        for r in select tenant_id, array_agg(distinct customer_id) ids from old_rows group by tenant_id loop
            perform customer_fulltext_refresh(r.tenant_id, r.ids);
        end loop;
    else
        for r in select tenant_id, array_agg(distinct customer_id) ids from new_rows group by tenant_id loop
            perform customer_fulltext_refresh(r.tenant_id, r.ids);
        end loop;
    end if;
    return null;
end
$$;

create trigger customers_fulltext_ins after insert on customers referencing new table as new_rows
    for each statement execute function customer_fulltext_cards();
create trigger customers_fulltext_upd after update on customers referencing new table as new_rows
    for each statement execute function customer_fulltext_cards();
create trigger customers_fulltext_del after delete on customers referencing old table as old_rows
    for each statement execute function customer_fulltext_cards();

do $$
declare t text;
begin
    foreach t in array array['customer_phones', 'customer_emails', 'customer_notes'] loop
        execute format('create trigger %I after insert on %I referencing new table as new_rows '
                       'for each statement execute function customer_fulltext_parts()', t || '_fulltext_ins', t);
        execute format('create trigger %I after update on %I referencing new table as new_rows '
                       'for each statement execute function customer_fulltext_parts()', t || '_fulltext_upd', t);
        execute format('create trigger %I after delete on %I referencing old table as old_rows '
                       'for each statement execute function customer_fulltext_parts()', t || '_fulltext_del', t);
    end loop;
end $$;

-- The cards stored before this migration (in the system scope: the cards are under row-level security).
select set_config('linia.system', 'on', true);
select customer_fulltext_refresh(tenant_id, array_agg(id)) from customers group by tenant_id;
select set_config('linia.system', 'off', true);
