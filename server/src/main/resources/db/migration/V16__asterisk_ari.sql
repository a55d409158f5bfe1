-- An Asterisk over ARI, where Linia routes every call itself (TEL-2, TEL-7): the HTTP server
-- of Asterisk, the ARI user (password encrypted with the tenant's data key, SEC-5), the Stasis
-- application, and how agents' phones and callbacks are dialled.
alter table asterisk_settings
    add column ari_url           varchar(300),
    add column ari_username      varchar(100),
    add column ari_password      bytea,
    add column ari_app           varchar(64)  not null default 'linia',
    add column ari_agent_dial    varchar(200) not null default 'PJSIP/{extension}',
    add column ari_outbound_dial varchar(200) not null default 'Local/{number}@from-internal';
