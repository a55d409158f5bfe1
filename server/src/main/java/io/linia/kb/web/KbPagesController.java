package io.linia.kb.web;

import io.linia.acd.IvrService;
import io.linia.acd.IvrView;
import io.linia.acd.QueueService;
import io.linia.identity.CurrentUser;
import io.linia.identity.RoleService;
import io.linia.kb.ArticleDraft;
import io.linia.kb.ArticleTies;
import io.linia.kb.ArticleView;
import io.linia.kb.Author;
import io.linia.kb.KbArticles;
import io.linia.kb.KbReader;
import io.linia.kb.KbTopics;
import io.linia.kb.TopicDraft;
import io.linia.kb.TopicView;
import io.linia.platform.LiniaException;
import io.linia.search.Search;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge base's pages (KB-1..5): the reader (topic tree, articles, search with highlighted
 * hits) and the editor (Markdown with preview, drafts, publishing, versions, attachments, ties).
 * Rights are the services': a page a user may not see answers 404 like the API.
 */
@Controller
class KbPagesController {

    /** A topic in the tree, with its depth for indentation. */
    record TreeTopic(TopicView topic, int depth) {
    }

    /** A choice an IVR offers, for the ties form. */
    record IvrOption(UUID ivrId, String ivrName, String menu, String key, String value) {
    }

    private final KbTopics topics;
    private final KbArticles articles;
    private final Search search;
    private final RoleService roles;
    private final QueueService queues;
    private final IvrService ivrs;

    KbPagesController(KbTopics topics, KbArticles articles, Search search, RoleService roles, QueueService queues,
                      IvrService ivrs) {
        this.topics = topics;
        this.articles = articles;
        this.search = search;
        this.roles = roles;
        this.queues = queues;
        this.ivrs = ivrs;
    }

    private static final Times TIMES = new Times();

    @org.springframework.web.bind.annotation.ModelAttribute("fmt")
    Times fmt() {
        return TIMES;
    }

    @GetMapping("/kb")
    @PreAuthorize("hasAnyAuthority('KB_VIEW', 'KB_MANAGE')")
    String reader(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID topic,
                  @RequestParam(required = false) String q, Model model) {
        KbReader reader = KbReader.of(me);
        tree(me, model);
        if (topic != null) {
            model.addAttribute("topic", topics.get(me.tenantId(), reader, topic));
            model.addAttribute("articles", articles.inTopic(me.tenantId(), reader, topic));
        }
        if (q != null && !q.isBlank()) {
            model.addAttribute("q", q);
            try {
                model.addAttribute("hits", search.search(me, q, "article", 30).hits());
            } catch (LiniaException e) {
                model.addAttribute("searchError", e.code());
            }
        }
        model.addAttribute("canEdit", reader.editor());
        if (reader.editor()) {
            model.addAttribute("roles", roles.list(me.tenantId()));
        }
        return "kb/index";
    }

    @GetMapping("/kb/articles/{id}")
    @PreAuthorize("hasAnyAuthority('KB_VIEW', 'KB_MANAGE')")
    String article(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        KbReader reader = KbReader.of(me);
        tree(me, model);
        model.addAttribute("article", articles.get(me.tenantId(), reader, id, false));
        model.addAttribute("canEdit", reader.editor());
        return "kb/article";
    }

    @PostMapping("/kb/topics")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String createTopic(@AuthenticationPrincipal CurrentUser me, @RequestParam String name,
                       @RequestParam(required = false) UUID parentId,
                       @RequestParam(required = false) List<String> readerRoles, RedirectAttributes redirect) {
        try {
            TopicView t = topics.create(me.tenantId(), new TopicDraft(name, parentId, 0, readerRoles, null));
            return "redirect:/kb?topic=" + t.id();
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
            redirect.addFlashAttribute("errorField", e.field());
            return "redirect:/kb" + (parentId == null ? "" : "?topic=" + parentId);
        }
    }

    @PostMapping("/kb/topics/{id}")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String updateTopic(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
                       @RequestParam(required = false) List<String> readerRoles, RedirectAttributes redirect) {
        TopicView t = topics.get(me.tenantId(), KbReader.of(me), id);
        try {
            topics.update(me.tenantId(), id, new TopicDraft(name, t.parentId(), t.position(), readerRoles, t.version()));
            redirect.addFlashAttribute("topicSaved", true);
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
            redirect.addFlashAttribute("errorField", e.field());
        }
        return "redirect:/kb?topic=" + id;
    }

    @PostMapping("/kb/topics/{id}/delete")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String deleteTopic(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            topics.delete(me.tenantId(), id);
            redirect.addFlashAttribute("topicDeleted", true);
            return "redirect:/kb";
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
            return "redirect:/kb?topic=" + id;
        }
    }

    @PostMapping("/kb/articles/{id}/unpublish")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String unpublish(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        articles.unpublish(me.tenantId(), KbReader.of(me), id);
        redirect.addFlashAttribute("unpublished", true);
        return "redirect:/kb/articles/" + id + "/edit";
    }

    @PostMapping("/kb/articles/{id}/delete")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        UUID topic = articles.get(me.tenantId(), KbReader.of(me), id, true).topicId();
        articles.delete(me.tenantId(), id);
        redirect.addFlashAttribute("articleDeleted", true);
        return "redirect:/kb?topic=" + topic;
    }

    @GetMapping("/kb/new")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String newArticle(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID topic, Model model) {
        tree(me, model);
        model.addAttribute("topicId", topic);
        model.addAttribute("form", Map.of("title", "", "markdown", ""));
        return "kb/edit";
    }

    @PostMapping("/kb/new")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID topicId, @RequestParam String title,
                  @RequestParam(defaultValue = "") String markdown, Model model, RedirectAttributes redirect) {
        try {
            ArticleView a = articles.create(me.tenantId(), KbReader.of(me), new ArticleDraft(topicId, title, markdown, null),
                    author(me));
            redirect.addFlashAttribute("saved", a.version());
            return "redirect:/kb/articles/" + a.id() + "/edit";
        } catch (LiniaException e) {
            tree(me, model);
            model.addAttribute("topicId", topicId);
            model.addAttribute("form", Map.of("title", title, "markdown", markdown));
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
            return "kb/edit";
        }
    }

    @GetMapping("/kb/articles/{id}/edit")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ArticleView a = articles.get(me.tenantId(), KbReader.of(me), id, true);
        fillEditor(me, a, model);
        model.addAttribute("form", Map.of("title", a.title(), "markdown", a.markdown()));
        return "kb/edit";
    }

    @PostMapping("/kb/articles/{id}/edit")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String save(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam UUID topicId,
                @RequestParam String title, @RequestParam(defaultValue = "") String markdown,
                @RequestParam int baseVersion, @RequestParam(defaultValue = "save") String action, Model model,
                RedirectAttributes redirect) {
        try {
            ArticleView a = articles.save(me.tenantId(), KbReader.of(me), id, new ArticleDraft(topicId, title, markdown,
                    baseVersion), author(me));
            if ("publish".equals(action)) {
                articles.publish(me.tenantId(), KbReader.of(me), id, a.version());
                redirect.addFlashAttribute("published", a.version());
            } else {
                redirect.addFlashAttribute("saved", a.version());
            }
            return "redirect:/kb/articles/" + id + "/edit";
        } catch (LiniaException e) {
            ArticleView a = articles.get(me.tenantId(), KbReader.of(me), id, true);
            fillEditor(me, a, model);
            model.addAttribute("form", Map.of("title", title, "markdown", markdown));
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
            return "kb/edit";
        }
    }

    @PostMapping("/kb/articles/{id}/publish")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String publish(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam int version,
                   RedirectAttributes redirect) {
        articles.publish(me.tenantId(), KbReader.of(me), id, version);
        redirect.addFlashAttribute("published", version);
        return "redirect:/kb/articles/" + id + "/edit";
    }

    @PostMapping("/kb/articles/{id}/ties")
    @PreAuthorize("hasAuthority('KB_MANAGE')")
    String ties(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                @RequestParam(required = false) List<UUID> queues, @RequestParam(defaultValue = "") String numbers,
                @RequestParam(defaultValue = "") String requestTypes, @RequestParam(defaultValue = "") String topics,
                @RequestParam(required = false) List<String> ivrChoices, RedirectAttributes redirect) {
        List<ArticleTies.IvrChoice> choices = new ArrayList<>();
        for (String c : ivrChoices == null ? List.<String>of() : ivrChoices) {
            String[] parts = c.split("/", 2);
            int colon = parts[1].lastIndexOf(':');
            choices.add(new ArticleTies.IvrChoice(UUID.fromString(parts[0]), parts[1].substring(0, colon),
                    parts[1].substring(colon + 1)));
        }
        try {
            articles.setTies(me.tenantId(), id, new ArticleTies(queues, list(numbers), list(requestTypes), choices, list(topics)));
            redirect.addFlashAttribute("tiesSaved", true);
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
            redirect.addFlashAttribute("errorField", e.field());
        }
        return "redirect:/kb/articles/" + id + "/edit";
    }

    /** A page for an object the user may not see (or that is not there) answers with its status, not a 500. */
    @org.springframework.web.bind.annotation.ExceptionHandler(LiniaException.class)
    String failed(LiniaException e, jakarta.servlet.http.HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("code", e.code());
        model.addAttribute("status", e.status().value());
        return "kb/error";
    }

    private void fillEditor(CurrentUser me, ArticleView a, Model model) {
        tree(me, model);
        model.addAttribute("article", a);
        model.addAttribute("topicId", a.topicId());
        model.addAttribute("versions", articles.versions(me.tenantId(), a.id()));
        model.addAttribute("queues", queues.list(me.tenantId()));
        model.addAttribute("ivrOptions", ivrOptions(me));
        ArticleTies t = a.ties();
        model.addAttribute("tiedQueues", t.queues());
        model.addAttribute("tiedChoices", t.ivrChoices().stream().map(c -> c.ivrId() + "/" + c.menu() + ":" + c.key()).toList());
        model.addAttribute("tiedNumbers", String.join(", ", t.numbers()));
        model.addAttribute("tiedRequestTypes", String.join(", ", t.requestTypes()));
        model.addAttribute("tiedTopics", String.join(", ", t.topics()));
    }

    private List<IvrOption> ivrOptions(CurrentUser me) {
        List<IvrOption> out = new ArrayList<>();
        for (IvrView ivr : ivrs.list(me.tenantId())) {
            if (ivr.nodes() == null) {
                continue;
            }
            for (JsonNode n : ivr.nodes()) {
                if (n.has("type") && "menu".equals(n.get("type").asString()) && n.has("options")) {
                    String menu = n.get("id").asString();
                    for (String key : n.get("options").propertyNames()) {
                        out.add(new IvrOption(ivr.id(), ivr.name(), menu, key, ivr.id() + "/" + menu + ":" + key));
                    }
                }
            }
        }
        return out;
    }

    private void tree(CurrentUser me, Model model) {
        List<TopicView> all = topics.list(me.tenantId(), KbReader.of(me));
        Map<UUID, List<TopicView>> children = all.stream().filter(t -> t.parentId() != null)
                .collect(Collectors.groupingBy(TopicView::parentId));
        java.util.Set<UUID> ids = all.stream().map(TopicView::id).collect(Collectors.toSet());
        List<TreeTopic> out = new ArrayList<>();
        // roots: top topics, and topics whose parent the reader cannot see (never happens: rights are inherited)
        all.stream().filter(t -> t.parentId() == null || !ids.contains(t.parentId())).forEach(t -> walk(t, 0, children, out));
        model.addAttribute("tree", out);
    }

    private static void walk(TopicView t, int depth, Map<UUID, List<TopicView>> children, List<TreeTopic> out) {
        out.add(new TreeTopic(t, depth));
        for (TopicView c : children.getOrDefault(t.id(), List.of())) {
            walk(c, depth + 1, children, out);
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split("[,;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Author author(CurrentUser me) {
        return new Author(me.userId(), me.fullName());
    }
}
