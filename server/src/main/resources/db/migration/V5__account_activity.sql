-- SEC-3: when an account was last (re-)enabled, so an administrator who unblocks an account
-- disabled for inactivity gives it a fresh period instead of seeing it disabled again at once.
alter table users add column enabled_at timestamptz;
