package io.linia.customers;

import java.util.List;

/** A page of a card's timeline, newest first, and the cursor of the next page ({@code null} on the last). */
public record TimelinePage(List<TimelineEntry> items, String next) {
}
