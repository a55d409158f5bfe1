-- Steering an Asterisk that keeps its own queues (TEL-3): how Linia names an agent's phone to
-- app_queue (QueueAdd/QueuePause Interface) and where click-to-call and redirects dial.
alter table asterisk_settings
    add column ami_interface varchar(200) not null default 'PJSIP/{extension}',
    add column ami_context   varchar(80)  not null default 'from-internal';
