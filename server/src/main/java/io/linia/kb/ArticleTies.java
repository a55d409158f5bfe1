package io.linia.kb;

import java.util.List;
import java.util.UUID;

/**
 * What brings an article on the operator's screen when a call arrives (KB-1, KB-2). A {@code PUT}
 * replaces them all; absent lists are empty.
 *
 * @param queues       ids of the tenant's queues
 * @param numbers      dialled numbers, as the switch gives them (spaces, dashes and brackets are dropped)
 * @param requestTypes request type codes of the tenant's projects (CASE-2), lower-cased; an unknown
 *                     one is 422 {@code unknown_request_type}
 * @param ivrChoices   a menu and key of one of the tenant's IVRs
 * @param topics       topics an IVR gives calls (a {@code queue} node's {@code topic})
 */
public record ArticleTies(List<UUID> queues, List<String> numbers, List<String> requestTypes, List<IvrChoice> ivrChoices,
                          List<String> topics) {

    public ArticleTies {
        queues = queues == null ? List.of() : List.copyOf(queues);
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        requestTypes = requestTypes == null ? List.of() : List.copyOf(requestTypes);
        ivrChoices = ivrChoices == null ? List.of() : List.copyOf(ivrChoices);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public static final ArticleTies NONE = new ArticleTies(null, null, null, null, null);

    /**
     * A choice in an IVR: {@code menu} is the id of a {@code menu} node, {@code key} one of its options.
     */
    public record IvrChoice(UUID ivrId, String menu, String key) {
    }
}
