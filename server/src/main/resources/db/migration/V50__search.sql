-- Full-text search (KB-3, issue 6; docs/search.md): what every search source shares.
--
-- `search_words` is the tenant's vocabulary: every word of every indexed document (lower-cased,
-- 3..40 characters, not only digits). A query word that is not in it is corrected to the most
-- similar word that is (pg_trgm), so "зявка" still finds "заявка". Like V7's user_search it has
-- no row-level-security policy: pg_trgm's % is not leakproof, so under a policy its index would
-- not be used. Every query gives the tenant explicitly; the table holds single words only, and a
-- correction only widens the query: hits are still read under each source's own rights.
create table search_words (
    tenant_id uuid        not null,
    word      varchar(40) not null,
    primary key (tenant_id, word)
);
create index search_words_trgm on search_words using gin (tenant_id, word gin_trgm_ops) with (fastupdate = off);

-- Adds the words of a text to the tenant's vocabulary (words are never removed: a stale word can
-- only suggest a correction that finds nothing).
create function search_words_add(tenant uuid, body text) returns void language sql as
$$
insert into search_words (tenant_id, word)
select distinct tenant, w
  from regexp_split_to_table(translate(lower(coalesce(body, '')), 'ё', 'е'), '[^[:alnum:]]+') w
 where length(w) between 3 and 40 and w !~ '^[0-9]+$'
on conflict do nothing
$$;

-- The tsquery of a search: `terms` are the query's words, each element the space-separated
-- alternatives of one word (the word itself, its correction …). Alternatives are OR-ed, words
-- AND-ed; each alternative is taken through the Russian, English and simple configurations, so
-- "заявки" and "заявок" meet "заявка", "billed" meets "billing", and codes and numbers match as
-- they are. Elements contain only letters, digits and spaces (the service splits words so).
-- Null for no words (the service refuses such a query before it gets here).
create function linia_tsquery(terms text[]) returns tsquery language plpgsql immutable as
$$
declare
    term  text;
    alt   text;
    one   tsquery;
    whole tsquery;
begin
    foreach term in array terms loop
        one := null;
        foreach alt in array string_to_array(term, ' ') loop
            continue when alt = '';
            one := coalesce(one || plainto_tsquery('russian', alt), plainto_tsquery('russian', alt))
                   || plainto_tsquery('english', alt) || plainto_tsquery('simple', alt);
        end loop;
        continue when one is null;
        whole := case when whole is null then one else whole && one end;
    end loop;
    return whole;  -- null when there are no words: matches nothing
end
$$;

-- The document vector every source builds: the title weighs more than the body; both in the
-- Russian and English configurations (morphology) and the simple one (codes, numbers, names).
create function linia_tsvector(title text, body text) returns tsvector language sql immutable as
$$
select setweight(to_tsvector('russian', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(title, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(body, '')), 'C')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    || setweight(to_tsvector('simple', coalesce(body, '')), 'D')
$$;

-- Text made safe to show as HTML, so that ts_headline's <mark> marks are the only markup in a snippet.
create function linia_escape_html(body text) returns text language sql immutable as
$$
select replace(replace(replace(replace(coalesce(body, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
$$;

-- A highlighted fragment of `body` for the query: HTML-escaped text with the hits in <mark>.
create function linia_headline(body text, query tsquery) returns text language sql immutable as
$$
select ts_headline('russian', linia_escape_html(body), query,
                   'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "')
$$;
