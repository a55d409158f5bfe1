package io.linia.customers;

import java.time.Instant;
import java.util.Map;

/**
 * One thing on a card's timeline (CRM-3): {@code type} says which {@link TimelineSource} made
 * it ({@code call}; later {@code request}, {@code survey}, {@code campaign_attempt} …), {@code id}
 * is the thing's id in that source, {@code at} when it happened (the order, newest first), and
 * {@code details} what the source shows of it (for a call: direction, number, queue, agent,
 * times, outcome, recordings).
 */
public record TimelineEntry(String type, String id, Instant at, Map<String, Object> details) {
}
