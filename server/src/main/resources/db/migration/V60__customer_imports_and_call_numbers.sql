-- CSV imports of customer cards (CRM-5) and the calls of a card's timeline (CRM-3); docs/customers.md.

-- An uploaded file and what was done with it: kept so that the mapping can be chosen and the
-- rows previewed before the import, and the rejection report downloaded afterwards.
create table customer_imports (
    tenant_id    uuid         not null references tenants (id),
    id           uuid         not null,
    file_name    varchar(255) not null,
    size_bytes   bigint       not null,
    content      bytea        not null,
    encoding     varchar(20)  not null,  -- as detected or chosen at upload: UTF-8 or windows-1251
    separator    varchar(1)   not null,
    status       varchar(12)  not null check (status in ('UPLOADED', 'PREVIEWED', 'REJECTED', 'IMPORTED', 'FAILED')),
    options      jsonb,                  -- mapping, mode and duplicates policy of the last preview or run
    rows_total   integer      not null default 0,
    created      integer      not null default 0,
    updated      integer      not null default 0,
    skipped      integer      not null default 0,
    rejected     integer      not null default 0,
    created_by   uuid,
    created_at   timestamptz  not null,
    finished_at  timestamptz,
    primary key (tenant_id, id)
);
create index customer_imports_created on customer_imports (tenant_id, created_at desc);

-- The report of an import's last preview or run: one row per rejected or skipped line.
create table customer_import_rejections (
    tenant_id   uuid          not null,
    import_id   uuid          not null,
    seq         integer       not null,
    line        integer       not null,  -- line of the file where the record starts (the header is line 1)
    column_name varchar(255),
    field       varchar(120),
    code        varchar(40)   not null,
    reason      varchar(1000) not null,
    skipped     boolean       not null default false,  -- a duplicate left out by policy, not an error
    primary key (tenant_id, import_id, seq),
    foreign key (tenant_id, import_id) references customer_imports (tenant_id, id) on delete cascade
);

do $$
declare t text;
begin
    foreach t in array array['customer_imports', 'customer_import_rejections'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- CRM-3: the external party of a call (the caller of an inbound call, the dialled number of an
-- outbound one) in E.164, normalized with the customers module's PhoneNumbers and the tenant's
-- default region, so a card's timeline finds its calls by one index probe per phone. The
-- switch gives numbers as it likes (8495…, +7495…, 495…); this is the one form they share.
-- Filled after the call is stored by io.linia.customers.internal.CallNumbers (new calls and,
-- once, every older call): NULL = not yet looked at, '' = no usable number (anonymous, an
-- internal extension).
alter table calls add column customer_e164 varchar(16);
create index calls_customer_e164 on calls (tenant_id, customer_e164, arrived_at desc, id desc)
    where customer_e164 <> '';
create index calls_customer_e164_pending on calls (tenant_id, arrived_at) where customer_e164 is null;
