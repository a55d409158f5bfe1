/**
 * Requests / cases (SPEC §12, docs/requests.md): the project constructor (CASE-2), requests
 * registered by hand, through the API or from a call (CASE-1) with typed fields, executors,
 * tasks, due dates and SLA timers with escalation (CASE-3), notifications by e-mail from
 * tenant-editable templates (CASE-4), field-level history (CASE-5), full-text search with
 * facets (CASE-6) and the customer-company view with claims (CASE-7).
 *
 * <p>The root package is the API: {@link io.linia.requests.Requests} (requests, tasks,
 * history, search), {@link io.linia.requests.RequestSetups} (the constructor),
 * {@link io.linia.requests.Claims}, {@link io.linia.requests.NotificationTemplates},
 * {@link io.linia.requests.RequestNotifications} (the notification outbox as administrators see it) and the
 * events {@link io.linia.requests.RequestRegistered}, {@link io.linia.requests.RequestStatusChanged},
 * {@link io.linia.requests.RequestOverdue}. {@code internal} holds the rules (pure) and SQL;
 * {@code web} the REST API and pages.
 */
package io.linia.requests;
