package io.linia.customers;

import java.util.List;

/** A page of cards in name order and the cursor of the next page ({@code null} on the last). */
public record CustomerPage(List<CustomerSummary> items, String next) {
}
