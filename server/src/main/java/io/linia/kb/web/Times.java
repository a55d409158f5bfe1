package io.linia.kb.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the knowledge-base pages, as {@code fmt.at(…)}: day and minute in UTC, labelled so. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String at(Instant t) {
        return t == null ? "" : FORMAT.format(t);
    }
}
