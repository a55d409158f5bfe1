package io.linia.kb;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.kb.internal.KbRepository;
import io.linia.kb.internal.KbRepository.ArticleRow;
import io.linia.kb.internal.KbRepository.VersionRow;
import io.linia.kb.internal.KbTexts;
import io.linia.platform.Markdown;
import io.linia.kb.internal.TieRules;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Articles (KB-1) with their versions, drafts and publishing (KB-4). Every save is a new version
 * with its author and time; readers see the published version, editors the newest. Publishing
 * (any saved version: publishing an older one rolls back) also puts the version's text into the
 * full-text index, so search finds only what readers may see. Changes need KB_MANAGE (the web
 * edge checks it); each is one audited transaction.
 */
@Service
public class KbArticles {

    public static final int MAX_MARKDOWN = 200_000;

    private final KbRepository repo;
    private final TieRules ties;
    private final AuditLog audit;
    private final Clock clock;

    KbArticles(KbRepository repo, TieRules ties, AuditLog audit, Clock clock) {
        this.repo = repo;
        this.ties = ties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The articles of a topic the reader may read (404 for a topic closed to them). */
    public List<ArticleSummary> inTopic(TenantId tenant, KbReader reader, UUID topicId) {
        if (repo.topic(tenant, topicId).isEmpty() || !repo.readable(tenant, reader, topicId)) {
            throw new NotFoundException("topic", topicId);
        }
        return repo.articles(tenant, reader, topicId);
    }

    /**
     * The article as the reader sees it: the published version; an editor asking for the
     * {@code draft} gets the newest. 404 when the reader may not read its topic or it was never
     * published.
     */
    public ArticleView get(TenantId tenant, KbReader reader, UUID id, boolean draft) {
        ArticleRow a = readable(tenant, reader, id);
        Integer number = draft && reader.editor() ? Integer.valueOf(a.latest()) : a.published();
        if (number == null) {
            if (!reader.editor()) {
                throw new NotFoundException("article", id);
            }
            number = a.latest();
        }
        VersionRow v = repo.version(tenant, id, number).orElseThrow();
        return new ArticleView(a.id(), a.topicId(), a.status(), v.number(), a.latest(), a.published(), v.title(),
                v.markdown(), v.html(), v.authorName(), v.createdAt(), a.createdAt(), a.updatedAt(),
                reader.editor() ? ties.read(tenant, id) : ArticleTies.NONE, repo.attachments(tenant, id));
    }

    /** A new article: version 1, a draft until published. */
    @Transactional
    public ArticleView create(TenantId tenant, KbReader editor, ArticleDraft draft, Author author) {
        if (draft.topicId() == null) {
            throw new InvalidInputException("required", "topicId", "Choose the article's topic");
        }
        topicExists(tenant, draft.topicId());
        String title = TextInput.required("title", draft.title(), 300);
        String markdown = KbTexts.text("markdown", draft.markdown(), MAX_MARKDOWN);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        repo.insertArticle(tenant, id, draft.topicId(), now);
        String html = Markdown.html(markdown);
        repo.insertVersion(tenant, id, 1, title, markdown, html, Markdown.plain(html), author.userId(), author.name(), now);
        ArticleView created = get(tenant, editor, id, true);
        audit.record(AuditEvent.change(tenant, "kb_article.create", "kb_article", id, null, auditState(created)));
        return created;
    }

    /** Saves a new version (the draft); readers keep seeing the published one until it is published. */
    @Transactional
    public ArticleView save(TenantId tenant, KbReader editor, UUID id, ArticleDraft draft, Author author) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        UUID topicId = draft.topicId() == null ? a.topicId() : draft.topicId();
        if (!topicId.equals(a.topicId())) {
            topicExists(tenant, topicId);
        }
        String title = TextInput.required("title", draft.title(), 300);
        String markdown = KbTexts.text("markdown", draft.markdown(), MAX_MARKDOWN);
        int base = draft.baseVersion() == null ? a.latest() : draft.baseVersion();
        Instant now = clock.instant();
        if (!repo.advance(tenant, id, base, topicId, now)) {
            throw new ConflictException("stale_version", "baseVersion",
                    "Version " + a.latest() + " was saved meanwhile; reload the article");
        }
        String html = Markdown.html(markdown);
        repo.insertVersion(tenant, id, base + 1, title, markdown, html, Markdown.plain(html), author.userId(), author.name(), now);
        if (!topicId.equals(a.topicId())) {
            repo.moveIndexed(tenant, id, topicId);
        }
        ArticleView after = get(tenant, editor, id, true);
        audit.record(AuditEvent.change(tenant, "kb_article.save", "kb_article", id, Map.of("version", a.latest()),
                auditState(after)));
        return after;
    }

    /** Makes version {@code number} (the newest when null) the one readers see, and indexes it for search. */
    @Transactional
    public ArticleView publish(TenantId tenant, KbReader editor, UUID id, Integer number) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        int n = number == null ? a.latest() : number;
        VersionRow v = repo.version(tenant, id, n)
                .orElseThrow(() -> new InvalidInputException("unknown_version", "version", "No version " + n));
        repo.publish(tenant, id, n, clock.instant());
        repo.index(tenant, id, a.topicId(), v.title(), v.plain());
        ArticleView after = get(tenant, editor, id, false);
        audit.record(AuditEvent.change(tenant, "kb_article.publish", "kb_article", id,
                a.published() == null ? null : Map.of("published", a.published()), Map.of("published", n)));
        return after;
    }

    /** Takes the article away from readers (and search); its versions stay. */
    @Transactional
    public ArticleView unpublish(TenantId tenant, KbReader editor, UUID id) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        repo.unpublish(tenant, id, clock.instant());
        repo.unindex(tenant, id);
        audit.record(AuditEvent.change(tenant, "kb_article.unpublish", "kb_article", id,
                a.published() == null ? null : Map.of("published", a.published()), null));
        return get(tenant, editor, id, true);
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        VersionRow v = repo.version(tenant, id, a.latest()).orElseThrow();
        repo.unindex(tenant, id);
        repo.deleteArticle(tenant, id);
        audit.record(AuditEvent.change(tenant, "kb_article.delete", "kb_article", id,
                Map.of("title", v.title(), "versions", a.latest()), null));
    }

    /** Every version, newest first (KB-4: author and date of each). */
    public List<VersionView> versions(TenantId tenant, UUID id) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        return repo.versions(tenant, id, a.published());
    }

    /** One version with its text. */
    public VersionView version(TenantId tenant, UUID id, int number) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        VersionRow v = repo.version(tenant, id, number).orElseThrow(() -> new NotFoundException("version", number));
        return new VersionView(v.number(), v.title(), v.authorId(), v.authorName(), v.createdAt(), v.publishedAt(),
                a.published() != null && a.published() == number, v.markdown(), v.html());
    }

    /** The HTML Markdown renders to, as it would be stored: the editor's preview. */
    public String preview(String markdown) {
        return Markdown.html(KbTexts.text("markdown", markdown, MAX_MARKDOWN));
    }

    public ArticleTies ties(TenantId tenant, UUID id) {
        repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        return ties.read(tenant, id);
    }

    /** Replaces the article's ties (KB-1); {@link TieRules} says what is checked. */
    @Transactional
    public ArticleTies setTies(TenantId tenant, UUID id, ArticleTies given) {
        repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        ArticleTies before = ties.read(tenant, id);
        ArticleTies after = ties.replace(tenant, id, given);
        audit.record(AuditEvent.change(tenant, "kb_article.ties", "kb_article", id, before, after));
        return after;
    }

    private ArticleRow readable(TenantId tenant, KbReader reader, UUID id) {
        ArticleRow a = repo.article(tenant, id).orElseThrow(() -> new NotFoundException("article", id));
        if (!repo.readable(tenant, reader, a.topicId())) {
            throw new NotFoundException("article", id);
        }
        return a;
    }

    private void topicExists(TenantId tenant, UUID topicId) {
        if (repo.topic(tenant, topicId).isEmpty()) {
            throw new InvalidInputException("unknown_topic", "topicId", "No topic " + topicId);
        }
    }

    private static Map<String, Object> auditState(ArticleView a) {
        return Map.of("topicId", a.topicId(), "version", a.version(), "title", a.title(), "status", a.status());
    }
}
