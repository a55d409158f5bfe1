package io.linia.projects;

/** A card's place on a VIP list: its priority (1..100, default 50) and an optional note. */
public record VipDraft(Integer priority, String note) {
}
