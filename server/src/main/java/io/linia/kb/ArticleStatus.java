package io.linia.kb;

/** Where an article stands with its readers (KB-4). */
public enum ArticleStatus {
    /** Never published: readers do not see it. */
    DRAFT,
    /** Readers see the newest version. */
    PUBLISHED,
    /** Readers see a published version; editors have saved a newer draft since. */
    CHANGED
}
