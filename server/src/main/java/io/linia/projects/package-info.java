/**
 * Projects (SPEC §2 "Project manager", CASE-2, CRM-4; docs/projects.md): a tenant's projects
 * with their managers and members, and each project's VIP list of customer cards with a
 * routing priority.
 *
 * <p>The root package is the API: {@link io.linia.projects.Projects} (projects, members, the
 * VIP list and the question "is this customer or caller number VIP, where, how much").
 * {@code internal} holds the SQL and text rules; {@code web} the REST API under
 * {@code /api/v1/projects}.
 */
package io.linia.projects;
