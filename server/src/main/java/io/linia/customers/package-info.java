/**
 * Customers (SPEC §11, docs/customers.md): cards of persons and organizations with
 * tenant-defined custom fields (CRM-1), phones kept as E.164 and e-mails lower-cased so that
 * every interaction finds its cards (CRM-2).
 *
 * <p>The root package is the API: {@link io.linia.customers.Customers} (cards, notes, matching
 * by phone and e-mail), {@link io.linia.customers.CustomerFields} (the tenant's custom-field
 * definitions), {@link io.linia.customers.CustomerSettings} (the default phone region) and
 * {@link io.linia.customers.PhoneNumbers} (pure normalization). {@code internal} holds the
 * card rules (pure) and the SQL; {@code web} the REST API under {@code /api/v1/customers}.
 */
package io.linia.customers;
