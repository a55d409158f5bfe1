/**
 * Knowledge base (SPEC §10, docs/knowledge-base.md): a tree of topics with read rights by role
 * (KB-4), articles in Markdown rendered to sanitized HTML with attachments (KB-1), every saved
 * version with its author and time, drafts and publishing (KB-4), ties to queues, dialled
 * numbers, request types, IVR choices and IVR topics, and the articles of a call (KB-2).
 * Regulations and instructions for staff (KB-5) are articles in topics readable only by staff roles.
 *
 * <p>The root package is the API: {@link io.linia.kb.KbTopics}, {@link io.linia.kb.KbArticles},
 * {@link io.linia.kb.KbAttachments}, {@link io.linia.kb.KbCallArticles} and their records.
 * {@code internal} holds the SQL (with the topic-rights walk), the topics a queue may name and the
 * articles' {@link io.linia.search.SearchSource} (Markdown is rendered by {@link io.linia.platform.Markdown});
 * {@code web} the REST API under
 * {@code /api/v1/kb} and the reader and editor pages under {@code /kb}.
 */
package io.linia.kb;
