package io.linia.customers;

import java.util.UUID;

/**
 * A mark another module puts on a customer card (CRM-4): today only {@code vip} — the card is on
 * a project's VIP list with a routing priority. The customers module shows marks and knows
 * nothing else of them.
 *
 * @param kind        what the mark says, lower-case ({@code vip})
 * @param projectId   the project the mark holds in
 * @param projectCode the project's code
 * @param projectName the project's name
 * @param priority    1 (lowest) to 100 (highest)
 * @param note        free text, or {@code null}
 */
public record CardMark(String kind, UUID projectId, String projectCode, String projectName, int priority, String note) {
}
