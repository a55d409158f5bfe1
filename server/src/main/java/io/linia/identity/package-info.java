/**
 * Identity: tenants, users, roles and permissions, sign-in (sessions and bearer tokens), API
 * tokens, the password and lockout rules (SPEC §1–3). The root package is the published API:
 * {@link io.linia.identity.Permission}, {@link io.linia.identity.CurrentUser} and the services.
 */
package io.linia.identity;
