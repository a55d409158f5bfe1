-- TEL-6 for an Asterisk that keeps its own queues (mode AMI): the directory on this node where
-- Asterisk's MixMonitor files can be read (its monitor directory, mounted). Null: not fetched.
alter table asterisk_settings add column ami_recordings_dir varchar(500);
