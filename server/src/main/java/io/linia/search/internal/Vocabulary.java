package io.linia.search.internal;

import io.linia.platform.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's vocabulary ({@code search_words}, V50): every word of every indexed document.
 * Typo tolerance: a query word the vocabulary lacks is corrected to its most similar word by
 * trigram similarity (pg_trgm's {@code %}, threshold 0.3: one wrong, missing or extra letter in a
 * word of 5+ letters). One query for all words of a search; the table has no row-level-security
 * policy (its trigram index must serve {@code %}), so the tenant filter here is the lock.
 */
@Repository
public class Vocabulary {

    private final JdbcClient jdbc;

    Vocabulary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each word that is not in the tenant's vocabulary, its closest word there (none when nothing is close). */
    public Map<String, String> corrections(TenantId tenant, List<String> words) {
        if (words.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        jdbc.sql("""
                select q.w,
                       (select s.word from search_words s
                         where s.tenant_id = :tenant and s.word % q.w
                         order by similarity(s.word, q.w) desc, s.word limit 1) as near
                  from unnest(:words::text[]) q(w)
                 where not exists (select 1 from search_words s where s.tenant_id = :tenant and s.word = q.w)
                """)
                .param("tenant", tenant.value())
                .param("words", words.toArray(String[]::new))
                .query(rs -> {
                    String near = rs.getString(2);
                    if (near != null) {
                        out.put(rs.getString(1), near);
                    }
                });
        return out;
    }
}
