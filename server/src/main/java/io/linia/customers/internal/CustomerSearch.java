package io.linia.customers.internal;

import io.linia.platform.TextInput;
import io.linia.customers.CustomerPage;
import io.linia.customers.CustomerSummary;
import io.linia.customers.PhoneNumbers;
import io.linia.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the list's {@code q} means, and its keyset cursor. Pure: the finder and loader are
 * the repository's. {@code q}:
 * <ul>
 *   <li>blank: every card, in name order;</li>
 *   <li>with an {@code @}: the cards with exactly that e-mail (case aside);</li>
 *   <li>no letters and at least 5 digits, and a valid number for the tenant's region: the cards
 *       with that phone (E.164);</li>
 *   <li>otherwise: a case-insensitive substring of the display name, holding or city
 *       (a trigram index serves 3 characters and more).</li>
 * </ul>
 * Pages are in name order; the cursor is the last row's name key and id (opaque to clients).
 */
public final class CustomerSearch {

    /** The repository's search. */
    @FunctionalInterface
    public interface Finder {
        List<Map.Entry<UUID, String>> find(String like, String e164, String email, String afterName, UUID afterId, int limit);
    }

    public static final int MAX_LIMIT = 200;

    private CustomerSearch() {
    }

    public static CustomerPage run(String q, int limit, String after, String region, Finder finder,
                                   Function<List<UUID>, List<CustomerSummary>> load) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("range", "limit", "A page has 1.." + MAX_LIMIT + " cards");
        }
        String query = TextInput.line("q", q, 200);
        String like = null;
        String e164 = null;
        String email = null;
        if (query != null) {
            if (query.contains("@")) {
                email = query.toLowerCase(Locale.ROOT);
            } else {
                PhoneNumbers.Normalized phone = phoneLike(query) ? PhoneNumbers.tryNormalize(query, region) : null;
                if (phone != null) {
                    e164 = phone.e164();
                } else {
                    like = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                }
            }
        }
        String afterName = null;
        UUID afterId = null;
        if (after != null && !after.isEmpty()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
                int sep = decoded.lastIndexOf('\n');
                afterName = decoded.substring(0, sep);
                afterId = UUID.fromString(decoded.substring(sep + 1));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new InvalidInputException("bad_cursor", "after", "The cursor is not one this API returned");
            }
        }
        List<Map.Entry<UUID, String>> rows = finder.find(like, e164, email, afterName, afterId, limit + 1);
        List<Map.Entry<UUID, String>> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = null;
        if (rows.size() > limit) {
            Map.Entry<UUID, String> last = page.get(page.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.getValue() + "\n" + last.getKey()).getBytes(StandardCharsets.UTF_8));
        }
        return new CustomerPage(load.apply(page.stream().map(Map.Entry::getKey).toList()), next);
    }

    private static boolean phoneLike(String q) {
        return q.chars().noneMatch(Character::isLetter) && q.chars().filter(Character::isDigit).count() >= 5;
    }
}
