package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.platform.LiniaException;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.requests.Actor;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestDraft;
import io.linia.requests.RequestPage;
import io.linia.requests.RequestQuery;
import io.linia.requests.RequestSetups;
import io.linia.requests.RequestView;
import io.linia.requests.Requests;
import io.linia.requests.Transition;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Request pages (CASE-1..7, docs/requests.md "Pages"): the list with filters and facets, a new
 * request, a request with its fields, tasks, history and status change, the projects and their
 * constructor. Every visible string comes from {@code i18n/requests*.properties}.
 */
@Controller
class RequestPagesController {

    private final Requests requests;
    private final RequestSetups setups;
    private final Projects projects;
    private final ObjectMapper json;
    private final io.linia.identity.TenantService tenants;

    RequestPagesController(Requests requests, RequestSetups setups, Projects projects, ObjectMapper json,
                           io.linia.identity.TenantService tenants) {
        this.requests = requests;
        this.setups = setups;
        this.projects = projects;
        this.json = json;
        this.tenants = tenants;
    }

    /** Times on the pages are shown in the tenant's zone (stored in UTC). */
    @org.springframework.web.bind.annotation.ModelAttribute("zone")
    java.time.ZoneId zone(@AuthenticationPrincipal CurrentUser me) {
        try {
            return me == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(tenants.get(me.tenantId()).timeZone());
        } catch (RuntimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    @PostMapping("/requests/{id}/tasks")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String addTask(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String title,
                   RedirectAttributes redirect) {
        try {
            requests.addTask(me.tenantId(), id, new io.linia.requests.TaskDraft(title, null, null, false), Actors.of(me));
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
        }
        return "redirect:/requests/" + id;
    }

    @PostMapping("/requests/{id}/tasks/{taskId}/done")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String taskDone(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID taskId,
                    RedirectAttributes redirect) {
        try {
            requests.updateTask(me.tenantId(), id, taskId, new io.linia.requests.TaskDraft(null, null, null, true),
                    Actors.of(me));
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
        }
        return "redirect:/requests/" + id;
    }

    @GetMapping("/requests")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String k : List.of("q", "status", "type", "project", "executor", "from", "to")) {
            String v = params.get(k);
            if (v != null && !v.isBlank()) {
                filters.put(k, v.strip());
            }
        }
        model.addAttribute("filters", filters);
        try {
            RequestPage page = requests.search(me.tenantId(), new RequestQuery(filters.get("q"), filters.get("status"),
                    filters.get("type"), uuid(filters.get("project")), uuid(filters.get("executor")),
                    RequestController.time("from", filters.get("from"), false),
                    RequestController.time("to", filters.get("to"), true), 50, blank(params.get("after"))), Actors.of(me));
            model.addAttribute("page", page);
        } catch (LiniaException | IllegalArgumentException e) {
            model.addAttribute("error", e instanceof LiniaException l ? l.code() : "format");
            model.addAttribute("page", new RequestPage(List.of(), null, 0, true, Map.of()));
        }
        model.addAttribute("canCreate", !Actors.of(me).customerOnly());
        model.addAttribute("canReport", me.can(Permission.STATS_VIEW) || me.can(Permission.PROJECT_MANAGE));
        return "requests/list";
    }

    @GetMapping("/requests/new")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String newRequest(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID project,
                      @RequestParam(required = false) String type, Model model) {
        fillNew(me, project, type, model);
        model.addAttribute("form", Map.of());
        return "requests/new";
    }

    @PostMapping("/requests/new")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form, Model model) {
        UUID project = uuid(form.get("project"));
        String type = blank(form.get("type"));
        try {
            ProjectSetup setup = project == null ? null : setups.get(me.tenantId(), project);
            Map<String, Object> fields = new HashMap<>();
            if (setup != null && type != null) {
                setup.types().stream().filter(t -> t.code().equals(type)).findFirst().ifPresent(t -> t.fields().forEach(f -> {
                    String raw = form.get("field_" + f.key());
                    if (f.type().equals("BOOLEAN")) {
                        if (raw != null) {
                            fields.put(f.key(), true);
                        }
                    } else if (raw != null && !raw.isBlank()) {
                        fields.put(f.key(), f.type().equals("NUMBER") ? number(f.key(), raw) : raw);
                    }
                }));
            }
            RequestView created = requests.create(me.tenantId(), new RequestDraft(project, type, form.get("subject"),
                    form.get("description"), uuid(form.get("customerId")), "MANUAL", null, fields, null, null, null, null),
                    Actors.of(me), "MANUAL");
            return "redirect:/requests/" + created.id();
        } catch (LiniaException e) {
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorDetail", e.getMessage());
        }
        fillNew(me, project, type, model);
        model.addAttribute("form", form);
        return "requests/new";
    }

    @GetMapping("/requests/{id}")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Actor actor = Actors.of(me);
        RequestView r = requests.get(me.tenantId(), id, actor);
        ProjectSetup setup = setups.get(me.tenantId(), r.projectId());
        model.addAttribute("r", r);
        model.addAttribute("setup", setup);
        model.addAttribute("fieldDefs", setup.types().stream().filter(t -> t.code().equals(r.type())).findFirst()
                .map(ProjectSetup.RequestType::fields).orElse(List.of()));
        model.addAttribute("operations", actor.customerOnly() ? List.of() : io.linia.requests.internal.SetupRules
                .operationsFrom(setup, r.status()));
        model.addAttribute("history", requests.history(me.tenantId(), id, actor));
        model.addAttribute("project", projects.get(me.tenantId(), r.projectId()));
        model.addAttribute("canWork", !actor.customerOnly());
        return "requests/view";
    }

    @PostMapping("/requests/{id}/transition")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    String transition(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String operation,
                      @RequestParam(required = false) String comment, @RequestParam(required = false) Integer version,
                      RedirectAttributes redirect) {
        try {
            requests.transition(me.tenantId(), id, new Transition(null, operation, comment, version), Actors.of(me));
        } catch (LiniaException e) {
            redirect.addFlashAttribute("error", e.code());
        }
        return "redirect:/requests/" + id;
    }

    @GetMapping("/projects")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'REQUEST_WORK')")
    String projects(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("projects", projects.list(me.tenantId(), false));
        model.addAttribute("canManage", me.can(Permission.PROJECT_MANAGE));
        return "requests/projects";
    }

    @PostMapping("/projects")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    String createProject(@AuthenticationPrincipal CurrentUser me, @RequestParam String code, @RequestParam String name,
                         Model model) {
        try {
            ProjectView p = projects.create(me.tenantId(), new io.linia.projects.ProjectDraft(code, name, null, true,
                    List.of(me.userId()), List.of(), null));
            return "redirect:/projects/" + p.id() + "/setup";
        } catch (LiniaException e) {
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
        }
        return projects(me, model);
    }

    @GetMapping("/projects/{id}/setup")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    String setup(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ProjectSetup setup = setups.get(me.tenantId(), id);
        fillSetup(me, id, setup, model);
        if (!model.containsAttribute("document")) {
            model.addAttribute("document", json.writerWithDefaultPrettyPrinter().writeValueAsString(setup));
        }
        return "requests/setup";
    }

    @PostMapping("/projects/{id}/setup")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    String saveSetup(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String document,
                     Model model, RedirectAttributes redirect) {
        try {
            ProjectSetup given = json.readValue(document, ProjectSetup.class);
            setups.put(me.tenantId(), id, given);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/projects/" + id + "/setup";
        } catch (LiniaException e) {
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorDetail", e.getMessage());
        } catch (JacksonException e) {
            model.addAttribute("error", "malformed_json");
            model.addAttribute("errorDetail", e.getOriginalMessage());
        }
        model.addAttribute("document", document);
        fillSetup(me, id, setups.get(me.tenantId(), id), model);
        return "requests/setup";
    }

    /** Another tenant's request or project, or one the user may not see: a plain 404 page, never a 500. */
    @org.springframework.web.bind.annotation.ExceptionHandler(io.linia.platform.NotFoundException.class)
    org.springframework.web.servlet.ModelAndView notFound() {
        org.springframework.web.servlet.ModelAndView mv = new org.springframework.web.servlet.ModelAndView("requests/not-found");
        mv.setStatus(org.springframework.http.HttpStatus.NOT_FOUND);
        return mv;
    }

    private void fillSetup(CurrentUser me, UUID id, ProjectSetup setup, Model model) {
        model.addAttribute("project", projects.get(me.tenantId(), id));
        model.addAttribute("setup", setup);
    }

    private void fillNew(CurrentUser me, UUID project, String type, Model model) {
        List<ProjectView> active = projects.list(me.tenantId(), true);
        model.addAttribute("projects", active);
        UUID chosen = project != null ? project : active.size() == 1 ? active.get(0).id() : null;
        model.addAttribute("project", chosen);
        if (chosen != null) {
            ProjectSetup setup = setups.get(me.tenantId(), chosen);
            model.addAttribute("types", setup.types());
            String t = type != null ? type : setup.types().get(0).code();
            model.addAttribute("type", t);
            model.addAttribute("fieldDefs", setup.types().stream().filter(x -> x.code().equals(t)).findFirst()
                    .map(ProjectSetup.RequestType::fields).orElse(List.of()));
            model.addAttribute("dictionaries", setup.dictionaries());
        }
    }

    private static Object number(String key, String raw) {
        try {
            return new BigDecimal(raw.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new io.linia.platform.InvalidInputException("wrong_type", "fields." + key, "Expected a number");
        }
    }

    private static UUID uuid(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
