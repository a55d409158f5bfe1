package io.linia.search.web;

import io.linia.identity.CurrentUser;
import io.linia.search.Search;
import io.linia.search.SearchResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search over everything the user may read (KB-3); docs/search.md. */
@RestController
@RequestMapping("/api/v1/search")
@Tag(name = "Search", description = "Full-text search with Russian and English morphology, typo tolerance and highlighted hits (KB-3)")
class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Search articles, customers, requests … that you may read",
            description = "q: words in any form ('заявок' finds 'заявка', 'billed' finds 'billing'); one typo per word is "
                    + "forgiven. kind: one of the kinds (article, customer, request), or all you may search. Each hit has kind, id, "
                    + "title (plain text) and snippet (HTML: escaped text with the matched words in <mark>).")
    SearchResults search(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
                         @RequestParam(required = false) String kind, @RequestParam(defaultValue = "20") int limit) {
        return search.search(me, q, kind, limit);
    }
}
