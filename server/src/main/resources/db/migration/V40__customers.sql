-- Customer cards (CRM-1) and matching by phone and e-mail (CRM-2); docs/customers.md.
-- Every table is tenant-owned with the usual row-level-security policy; the search side
-- table follows V7's reasoning (see below).

-- The tenant's defaults for customers: the region of numbers typed without a country code.
create table customer_settings (
    tenant_id      uuid        primary key references tenants (id),
    default_region varchar(2)  not null default 'RU',
    updated_at     timestamptz not null,
    version        integer     not null default 0
);

create table customers (
    tenant_id       uuid          not null references tenants (id),
    id              uuid          not null,
    kind            varchar(12)   not null check (kind in ('PERSON', 'ORGANIZATION')),
    display_name    varchar(400)  not null,
    -- organization
    name            varchar(300),
    holding         varchar(300),
    industry        varchar(200),
    -- person
    last_name       varchar(100),
    first_name      varchar(100),
    middle_name     varchar(100),
    position        varchar(200),
    organization_id uuid,
    -- both
    status          varchar(100),
    region          varchar(200),
    city            varchar(200),
    address         varchar(1000),
    website         varchar(500),
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         integer       not null default 0,
    primary key (tenant_id, id),
    -- deleting an organization unlinks its people, it does not delete them
    foreign key (tenant_id, organization_id) references customers (tenant_id, id) on delete set null (organization_id)
);
create index customers_organization on customers (tenant_id, organization_id) where organization_id is not null;

-- Each phone normalized to E.164 (matching) and as typed (display); several per card, each labelled.
-- Not unique: people of one organization share its switchboard number (docs/customers.md).
create table customer_phones (
    tenant_id   uuid         not null,
    customer_id uuid         not null,
    position    smallint     not null,
    e164        varchar(16)  not null,
    extension   varchar(8),
    raw         varchar(64)  not null,
    label       varchar(50),
    primary key (tenant_id, customer_id, position),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade
);
-- CRM-2: a caller's number finds its cards by one index probe (= on varchar is leakproof, so the
-- index serves the query under the row-level-security policy too)
create index customer_phones_e164 on customer_phones (tenant_id, e164);

create table customer_emails (
    tenant_id   uuid          not null,
    customer_id uuid          not null,
    position    smallint      not null,
    address     varchar(254)  not null,  -- trimmed and lower-cased
    label       varchar(50),
    primary key (tenant_id, customer_id, position),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade
);
create index customer_emails_address on customer_emails (tenant_id, address);

create table customer_notes (
    tenant_id   uuid          not null,
    id          uuid          not null,
    customer_id uuid          not null,
    text        varchar(4000) not null,
    author_id   uuid,
    author_name varchar(200),
    created_at  timestamptz   not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade
);
create index customer_notes_customer on customer_notes (tenant_id, customer_id, created_at);

-- Tenant-defined fields of the cards. Key, type and confidentiality are fixed once created.
create table customer_fields (
    tenant_id    uuid          not null references tenants (id),
    id           uuid          not null,
    key          varchar(64)   not null,
    label        varchar(200)  not null,
    type         varchar(10)   not null check (type in ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'CHOICE')),
    required     boolean       not null default false,
    confidential boolean       not null default false,
    choices      text[]        not null default '{}',
    position     integer       not null default 0,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      integer       not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, key)
);

-- A card's value of a custom field: as canonical text, or for a confidential field only as
-- ciphertext under the tenant's data key (SEC-5), bound to the card and field it belongs to.
create table customer_field_values (
    tenant_id   uuid   not null,
    customer_id uuid   not null,
    field_id    uuid   not null,
    value       text,
    secret      bytea,
    primary key (tenant_id, customer_id, field_id),
    check ((value is null) <> (secret is null)),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade,
    foreign key (tenant_id, field_id) references customer_fields (tenant_id, id) on delete cascade
);
create index customer_field_values_field on customer_field_values (tenant_id, field_id);

do $$
declare t text;
begin
    foreach t in array array['customer_settings', 'customers', 'customer_phones', 'customer_emails', 'customer_notes',
                             'customer_fields', 'customer_field_values'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- The list's name search, as V7 does it for users: under row-level security PostgreSQL applies
-- a LIKE only after the (not leakproof) policy, so a trigram index on `customers` would not be
-- used. `customer_search` holds only the lower-cased names, has no policy, and is always
-- queried with an explicit tenant filter; the cards themselves are then read from `customers`
-- under the policy, so an id from here can never bring another tenant's card back.
create table customer_search (
    customer_id uuid primary key,
    tenant_id   uuid not null,
    name_key    text not null,   -- lower(display_name): the list order
    search_key  text not null    -- lower(display_name || holding || city): what the search matches
);
create index customer_search_trgm on customer_search using gin (tenant_id, search_key gin_trgm_ops) with (fastupdate = off);
create index customer_search_order on customer_search (tenant_id, name_key, customer_id);

create function customer_search_sync() returns trigger language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        delete from customer_search where customer_id = old.id;
        return null;
    end if;
    insert into customer_search (customer_id, tenant_id, name_key, search_key)
    values (new.id, new.tenant_id, lower(new.display_name),
            lower(concat_ws(E'\n', new.display_name, new.holding, new.city)))
    on conflict (customer_id) do update set name_key = excluded.name_key, search_key = excluded.search_key;
    return null;
end
$$;
create trigger customers_search_sync after insert or update of display_name, holding, city or delete on customers
    for each row execute function customer_search_sync();
