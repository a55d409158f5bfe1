-- CASE-4: request_notifications becomes a transactional outbox (docs/requests.md "Notifications").
-- A notification is written PENDING, rendered (subject and body), in the same transaction as the
-- change that causes it; MailDispatcher sends it after commit and marks it SENT, or on failure
-- counts the attempt and sets the next one (exponential back-off) until the limit makes it FAILED.
-- A dispatcher claims rows with FOR UPDATE SKIP LOCKED and moves next_attempt_at ahead while it
-- sends (a lease), so two nodes never send the same row and a node that stops mid-send leaves it
-- to be sent again when the lease ends.
alter table request_notifications
    add column subject         text,
    add column body            text,
    add column attempts        integer     not null default 0,
    add column next_attempt_at timestamptz,
    add column sent_at         timestamptz;

alter table request_notifications drop constraint request_notifications_status_check;
alter table request_notifications add constraint request_notifications_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED'));
alter table request_notifications add constraint request_notifications_pending_due
    check (status <> 'PENDING' or (next_attempt_at is not null and subject is not null and body is not null));

-- the rows written before were one attempt each
update request_notifications set attempts = 1, sent_at = case when status = 'SENT' then at end
 where status in ('SENT', 'FAILED');

-- what the dispatchers claim, across tenants, in due order
create index request_notifications_due on request_notifications (next_attempt_at, id) where status = 'PENDING';
-- what an administrator lists: the tenant's notifications of a status, newest first
create index request_notifications_status on request_notifications (tenant_id, status, id);
