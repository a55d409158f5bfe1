-- A tenant's FreePBX/Asterisk CDR database (asteriskcdrdb on MySQL/MariaDB) to import history
-- from (TEL-4, TEL-7). The password is encrypted with the tenant's data key (SEC-5). The
-- positions say how far earlier imports read, so the next one reads only new rows; they are
-- reset when the server or database changes.
create table asterisk_cdr_database (
    tenant_id        uuid primary key references tenants (id),
    host             varchar(255) not null,
    port             integer      not null,
    database_name    varchar(64)  not null,
    username         varchar(100) not null,
    password         bytea,
    time_zone        varchar(64)  not null,   -- the PBX's zone: calldate and queue_log time have none
    queue_log_table  varchar(64),             -- null: the queue_log is not in the database
    cdr_table        varchar(64),             -- null: CDRs are not imported
    queue_log_cursor jsonb,                   -- where the queue_log table is read from next (QueueLogImport.Cursor)
    cdr_calldate     varchar(32),             -- the last CDR row imported: calldate as the table has it …
    cdr_uniqueid     varchar(64),             -- … and its uniqueid
    updated_at       timestamptz  not null,
    version          integer      not null default 0
);
alter table asterisk_cdr_database enable row level security;
alter table asterisk_cdr_database force row level security;
create policy tenant_isolation on asterisk_cdr_database using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id));
