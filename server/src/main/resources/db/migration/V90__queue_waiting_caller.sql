-- The remaining queue settings of ACD-1: what a waiting caller hears (the music-on-hold class and
-- the periodic announcements of place in line and expected wait), the operator script shown on the
-- workstation for the queue's calls (WS-6) and the knowledge-base topic whose articles come with
-- them (WS-5). The topic is the same tenant's (composite key); deleting it clears the setting.
alter table acd_queues
    add column moh_class              varchar(80) not null default 'default',
    add column announce_position      boolean     not null default false,
    add column announce_expected_wait boolean     not null default false,
    add column announce_every_seconds integer     not null default 60
        check (announce_every_seconds between 15 and 600),
    add column script                 text
        check (length(script) <= 20000),
    add column kb_topic_id            uuid,
    add foreign key (tenant_id, kb_topic_id) references kb_topics (tenant_id, id) on delete set null (kb_topic_id);

create index acd_queues_kb_topic on acd_queues (tenant_id, kb_topic_id) where kb_topic_id is not null;
