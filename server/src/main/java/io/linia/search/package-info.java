/**
 * Full-text search across the platform (KB-3, issue 6; docs/search.md).
 *
 * <p>The root package is the API: a {@link io.linia.search.SearchSource} per kind of object
 * (articles, customers, later requests) and the {@link io.linia.search.Search} service that asks
 * every source and merges their hits by rank. Sources are Spring beans of the modules that own
 * the objects and know who may read them; a dedicated engine (OpenSearch, Lucene) can replace the
 * PostgreSQL sources later without the callers noticing. {@code internal} holds the tenant
 * vocabulary used for typo tolerance and the customers' source (a side table kept by database
 * triggers, V52); {@code web} the REST endpoint {@code /api/v1/search}.
 */
package io.linia.search;
