package io.linia.kb.web;

import io.linia.identity.CurrentUser;
import io.linia.kb.ArticleDraft;
import io.linia.kb.ArticleSummary;
import io.linia.kb.ArticleTies;
import io.linia.kb.ArticleView;
import io.linia.kb.AttachmentView;
import io.linia.kb.Author;
import io.linia.kb.CallArticle;
import io.linia.kb.KbArticles;
import io.linia.kb.KbAttachments;
import io.linia.kb.KbCallArticles;
import io.linia.kb.KbReader;
import io.linia.kb.KbTopics;
import io.linia.kb.TopicDraft;
import io.linia.kb.TopicView;
import io.linia.kb.VersionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base over REST (KB-1, KB-2, KB-4); docs/knowledge-base.md. Reading needs KB_VIEW
 * (or KB_MANAGE), writing KB_MANAGE; a topic closed to the reader and another tenant's objects
 * answer 404 alike.
 */
@RestController
@RequestMapping("/api/v1/kb")
@Tag(name = "Knowledge base", description = "Topics, articles with versions, drafts and publishing, attachments, ties, the articles of a call (KB-1..5)")
class KbController {

    private static final String READ = "hasAnyAuthority('KB_VIEW', 'KB_MANAGE')";
    private static final String WRITE = "hasAuthority('KB_MANAGE')";

    /** A Markdown text to preview. */
    record Preview(String markdown) {
    }

    /** Which version to publish (the newest when absent). */
    record Publish(Integer version) {
    }

    private final KbTopics topics;
    private final KbArticles articles;
    private final KbAttachments attachments;
    private final KbCallArticles callArticles;

    KbController(KbTopics topics, KbArticles articles, KbAttachments attachments, KbCallArticles callArticles) {
        this.topics = topics;
        this.articles = articles;
        this.attachments = attachments;
        this.callArticles = callArticles;
    }

    @GetMapping("/topics")
    @PreAuthorize(READ)
    @Operation(summary = "The topics you may read, in order; parentId makes the tree")
    List<TopicView> topics(@AuthenticationPrincipal CurrentUser me) {
        return topics.list(me.tenantId(), KbReader.of(me));
    }

    @GetMapping("/topics/{id}")
    @PreAuthorize(READ)
    TopicView topic(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return topics.get(me.tenantId(), KbReader.of(me), id);
    }

    @PostMapping("/topics")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITE)
    @Operation(summary = "Create a topic", description = "readerRoles: role codes that may read it and what is under it; "
            + "empty = every reader of the knowledge base.")
    TopicView createTopic(@AuthenticationPrincipal CurrentUser me, @RequestBody TopicDraft draft) {
        return topics.create(me.tenantId(), draft);
    }

    @PutMapping("/topics/{id}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Replace a topic's name, parent, position and readers", description = "422 cycle when moved under itself; "
            + "409 stale_version when version is not the current one.")
    TopicView updateTopic(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody TopicDraft draft) {
        return topics.update(me.tenantId(), id, draft);
    }

    @DeleteMapping("/topics/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITE)
    @Operation(summary = "Delete an empty topic (409 topic_not_empty otherwise)")
    void deleteTopic(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        topics.delete(me.tenantId(), id);
    }

    @GetMapping("/topics/{id}/articles")
    @PreAuthorize(READ)
    @Operation(summary = "The articles of a topic", description = "Readers see published articles; editors also drafts.")
    List<ArticleSummary> articles(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return articles.inTopic(me.tenantId(), KbReader.of(me), id);
    }

    @GetMapping("/articles/{id}")
    @PreAuthorize(READ)
    @Operation(summary = "An article", description = "The published version; draft=true gives editors the newest.")
    ArticleView article(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                        @RequestParam(defaultValue = "false") boolean draft) {
        return articles.get(me.tenantId(), KbReader.of(me), id, draft);
    }

    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITE)
    @Operation(summary = "Create an article (version 1, a draft)")
    ArticleView createArticle(@AuthenticationPrincipal CurrentUser me, @RequestBody ArticleDraft draft) {
        return articles.create(me.tenantId(), KbReader.of(me), draft, author(me));
    }

    @PutMapping("/articles/{id}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Save a new version (the draft)", description = "baseVersion: the version you edited; "
            + "409 stale_version when a newer one was saved meanwhile. Readers keep the published version.")
    ArticleView saveArticle(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody ArticleDraft draft) {
        return articles.save(me.tenantId(), KbReader.of(me), id, draft, author(me));
    }

    @PostMapping("/articles/{id}/publish")
    @PreAuthorize(WRITE)
    @Operation(summary = "Publish a version (the newest when none is given); an older one rolls back")
    ArticleView publish(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                        @RequestBody(required = false) Publish body) {
        return articles.publish(me.tenantId(), KbReader.of(me), id, body == null ? null : body.version());
    }

    @PostMapping("/articles/{id}/unpublish")
    @PreAuthorize(WRITE)
    @Operation(summary = "Take an article away from readers and search; its versions stay")
    ArticleView unpublish(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return articles.unpublish(me.tenantId(), KbReader.of(me), id);
    }

    @DeleteMapping("/articles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITE)
    void deleteArticle(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        articles.delete(me.tenantId(), id);
    }

    @GetMapping("/articles/{id}/versions")
    @PreAuthorize(WRITE)
    @Operation(summary = "Every version with author and date, newest first (KB-4)")
    List<VersionView> versions(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return articles.versions(me.tenantId(), id);
    }

    @GetMapping("/articles/{id}/versions/{number}")
    @PreAuthorize(WRITE)
    VersionView version(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable int number) {
        return articles.version(me.tenantId(), id, number);
    }

    @PostMapping("/preview")
    @PreAuthorize(WRITE)
    @Operation(summary = "The sanitized HTML a Markdown text renders to")
    Map<String, String> preview(@RequestBody Preview body) {
        return Map.of("html", articles.preview(body.markdown()));
    }

    @GetMapping("/articles/{id}/ties")
    @PreAuthorize(WRITE)
    ArticleTies ties(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return articles.ties(me.tenantId(), id);
    }

    @PutMapping("/articles/{id}/ties")
    @PreAuthorize(WRITE)
    @Operation(summary = "Replace the article's ties to queues, dialled numbers, request types, IVR choices and IVR topics")
    ArticleTies setTies(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody ArticleTies ties) {
        return articles.setTies(me.tenantId(), id, ties);
    }

    @GetMapping("/call-articles")
    @PreAuthorize(READ)
    @Operation(summary = "The articles for a call (KB-2)", description = "By callId (its queue, dialled number, IVR topic "
            + "and IVR choices) and/or explicit queueId, number, topic, ivrId with choice (menu:key, repeatable), "
            + "requestType. Published articles you may read, most ties first.")
    List<CallArticle> callArticles(@AuthenticationPrincipal CurrentUser me,
                                   @RequestParam(required = false) String callId,
                                   @RequestParam(required = false) UUID queueId,
                                   @RequestParam(required = false) String number,
                                   @RequestParam(required = false) String topic,
                                   @RequestParam(required = false) UUID ivrId,
                                   @RequestParam(required = false) List<String> choice,
                                   @RequestParam(required = false) String requestType) {
        return callArticles.find(me.tenantId(), KbReader.of(me),
                new KbCallArticles.Call(callId, queueId, number, topic, ivrId, choice, requestType));
    }

    @PostMapping("/articles/{id}/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITE)
    @Operation(summary = "Attach a file", description = "The body is the file itself, with its Content-Type; name= its "
            + "file name. 413 too_large over the size limit, 422 unsupported_type.")
    AttachmentView attach(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
                          HttpServletRequest request) throws IOException {
        return attachments.add(me.tenantId(), id, name, request.getContentType(), request.getContentLengthLong(),
                request.getInputStream(), author(me));
    }

    @GetMapping("/articles/{id}/attachments")
    @PreAuthorize(READ)
    List<AttachmentView> attachments(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return attachments.list(me.tenantId(), KbReader.of(me), id);
    }

    @GetMapping("/articles/{id}/attachments/{attachmentId}")
    @PreAuthorize(READ)
    @Operation(summary = "Download a file", description = "Images are shown inline, everything else as a download.")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                                    @PathVariable UUID attachmentId) {
        KbAttachments.Download d = attachments.download(me.tenantId(), KbReader.of(me), id, attachmentId);
        String type = d.attachment().contentType();
        String disposition = (type.startsWith("image/") ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(d.attachment().fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .body(d.bytes());
    }

    @DeleteMapping("/articles/{id}/attachments/{attachmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITE)
    void deleteAttachment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID attachmentId) {
        attachments.delete(me.tenantId(), id, attachmentId);
    }

    private static Author author(CurrentUser me) {
        return new Author(me.userId(), me.fullName());
    }
}
