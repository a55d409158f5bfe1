package io.linia.search;

import io.linia.identity.Permission;
import io.linia.platform.TenantId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a source is asked.
 *
 * @param tenant      whose objects
 * @param userId      who searches (sources with per-object rights, like knowledge-base topics, need it)
 * @param permissions the searcher's permissions
 * @param text        the query as typed
 * @param terms       the query's words, each with its alternatives separated by spaces (the word,
 *                    its correction against the tenant's vocabulary, …): the argument of
 *                    {@code linia_tsquery(text[])}
 * @param limit       the most hits wanted
 */
public record SearchQuery(TenantId tenant, UUID userId, Set<Permission> permissions, String text, List<String> terms,
                          int limit) {

    public SearchQuery {
        permissions = Set.copyOf(permissions);
        terms = List.copyOf(terms);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** {@link #terms} as a SQL {@code text[]} parameter. */
    public String[] termArray() {
        return terms.toArray(String[]::new);
    }
}
