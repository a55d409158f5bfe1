-- Per-tenant data encryption (SEC-5, SEC-6). docs/encryption.md describes the design.

-- Each tenant's data keysets (Google Tink), never in clear: each column holds a Tink
-- "encrypted keyset" wrapped by the platform master key with AES-256-GCM, the associated
-- data binding it to its tenant and purpose, so a row copied to another tenant does not unwrap.
create table tenant_data_keys (
    tenant_id        uuid primary key references tenants (id),
    -- AEAD keys (AES256_GCM) for small values: e-mail bodies, transcripts, confidential fields
    aead_keyset      bytea        not null,
    -- StreamingAead keys (AES256_GCM_HKDF_1MB) for large files and streams: recordings
    streaming_keyset bytea        not null,
    -- fingerprint of the master key that wrapped both keysets; the re-wrap job moves rows
    -- whose fingerprint is not the current master key's
    master_key_id    varchar(100) not null,
    -- bumped by every rotation and re-wrap: a writer holding an older row lost a race
    version          integer      not null default 0,
    created_at       timestamptz  not null,
    rotated_at       timestamptz,
    wrapped_at       timestamptz  not null
);
create index tenant_data_keys_master_idx on tenant_data_keys (master_key_id);

-- SEC-6: a tenant may switch off storing confidential data. No row = the default (on).
create table tenant_data_protection (
    tenant_id            uuid primary key references tenants (id),
    confidential_storage boolean     not null default true,
    updated_at           timestamptz not null
);

do $$
declare t text;
begin
    foreach t in array array['tenant_data_keys', 'tenant_data_protection'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (linia_tenant_visible(tenant_id)) with check (linia_tenant_visible(tenant_id))', t);
    end loop;
end $$;

-- A known value encrypted with the master key: lets the start-up check tell a wrong master
-- key from a right one even before any tenant has a keyset. One row; platform-level (no tenant),
-- so only the system scope may read or change it.
create table crypto_master_key_check (
    id            smallint primary key check (id = 1),
    master_key_id varchar(100) not null,
    sentinel      bytea        not null,
    updated_at    timestamptz  not null
);
alter table crypto_master_key_check enable row level security;
alter table crypto_master_key_check force row level security;
create policy system_only on crypto_master_key_check
    using (current_setting('linia.system', true) = 'on')
    with check (current_setting('linia.system', true) = 'on');
