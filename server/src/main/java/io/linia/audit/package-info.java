/**
 * The append-only audit log (SPEC §4): login attempts, admin-level changes with before/after,
 * access to recordings and confidential data. Other modules call {@link io.linia.audit.AuditLog}.
 */
package io.linia.audit;
