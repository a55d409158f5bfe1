package io.linia.acd.web;

import io.linia.acd.IvrService;
import io.linia.acd.IvrView;
import io.linia.acd.QueueService;
import io.linia.acd.QueueView;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.RoleService;
import io.linia.identity.RoleView;
import io.linia.identity.UserQuery;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.LiniaException;
import io.linia.platform.NotFoundException;
import io.linia.telephony.TelephonyPorts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contact centre's admin console (ACD-1, ACD-2, ACD-3, ACD-8, ACD-9, TEL-5): pages for queues,
 * agents, pause reasons, IVR flows with their schedules, and the simulated switch. The pages are
 * thin: their scripts ({@code static/js/admin-*.js}) edit through the JSON API, so a page shows
 * exactly the API's rules and errors. A page for an object of another tenant (or none) is 404.
 */
@Controller
@PreAuthorize("hasAuthority('QUEUE_MANAGE')")
class AcdAdminPagesController {

    /** A user who can take calls, as the pages list them. */
    record Agent(UUID id, String login, String fullName, String extension) {
    }

    /** A queue with whether the agent being edited belongs to it. */
    record Membership(QueueView queue, boolean member) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueueService queues;
    private final IvrService ivrs;
    private final UserService users;
    private final RoleService roles;
    private final TelephonyPorts ports;

    AcdAdminPagesController(QueueService queues, IvrService ivrs, UserService users, RoleService roles,
                            TelephonyPorts ports) {
        this.queues = queues;
        this.ivrs = ivrs;
        this.users = users;
        this.roles = roles;
        this.ports = ports;
    }

    /** The texts the scripts show (keys {@code js.*} of the admin bundle, in the page's language), as JSON. */
    @org.springframework.web.bind.annotation.ModelAttribute("adminTexts")
    String texts() {
        Locale locale = LocaleContextHolder.getLocale();
        ResourceBundle bundle = ResourceBundle.getBundle("i18n/admin", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> texts = new TreeMap<>();
        for (String key : Collections.list(bundle.getKeys())) {
            if (key.startsWith("js.")) {
                texts.put(key.substring(3), bundle.getString(key));
            }
        }
        return JSON.writeValueAsString(texts);
    }

    @GetMapping("/admin/acd")
    String index(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("simulation", simulationAllowed(me));
        model.addAttribute("queueCount", queues.list(me.tenantId()).size());
        model.addAttribute("ivrCount", ivrs.list(me.tenantId()).size());
        return "admin/acd/index";
    }

    @GetMapping("/admin/acd/queues")
    String queueList(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("queues", queues.list(me.tenantId()).stream()
                .sorted(Comparator.comparing(QueueView::number)).toList());
        return "admin/acd/queues";
    }

    @GetMapping("/admin/acd/queues/new")
    String newQueue(@AuthenticationPrincipal CurrentUser me, Model model) {
        return queueEditor(me, null, model);
    }

    @GetMapping("/admin/acd/queues/{id}")
    String editQueue(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        return queueEditor(me, queues.get(me.tenantId(), id), model);
    }

    private String queueEditor(CurrentUser me, QueueView queue, Model model) {
        model.addAttribute("queue", queue);
        model.addAttribute("skillsJson", JSON.writeValueAsString(queue == null ? Map.of() : queue.requiredSkills()));
        model.addAttribute("others", queues.list(me.tenantId()).stream()
                .filter(q -> queue == null || !q.id().equals(queue.id()))
                .sorted(Comparator.comparing(QueueView::number)).toList());
        model.addAttribute("agents", agents(me));
        model.addAttribute("members", queue == null ? List.of() : queues.members(me.tenantId(), queue.id()));
        model.addAttribute("kbTopics", queues.knowledgeTopics(me.tenantId()));
        return "admin/acd/queue";
    }

    @GetMapping("/admin/acd/agents")
    String agentList(@AuthenticationPrincipal CurrentUser me, Model model) {
        Map<String, List<String>> queuesOf = new LinkedHashMap<>();
        for (QueueView q : queues.list(me.tenantId())) {
            for (String member : queues.members(me.tenantId(), q.id())) {
                queuesOf.computeIfAbsent(member, k -> new ArrayList<>()).add(q.number());
            }
        }
        model.addAttribute("agents", agents(me));
        model.addAttribute("queuesOf", queuesOf);
        return "admin/acd/agents";
    }

    @GetMapping("/admin/acd/agents/{id}")
    @PreAuthorize("hasAuthority('QUEUE_MANAGE') and hasAuthority('USER_MANAGE')")
    String editAgent(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        UserView user = users.get(me.tenantId(), id);
        model.addAttribute("agent", user);
        model.addAttribute("skillsJson", JSON.writeValueAsString(user.skills() == null ? Map.of() : user.skills()));
        model.addAttribute("memberships", queues.list(me.tenantId()).stream()
                .sorted(Comparator.comparing(QueueView::number))
                .map(q -> new Membership(q, queues.members(me.tenantId(), q.id()).contains(id.toString())))
                .toList());
        return "admin/acd/agent";
    }

    @GetMapping("/admin/acd/pause-reasons")
    String pauseReasons(Model model) {
        model.addAttribute("kind", "pause");
        return "admin/acd/pause-reasons";
    }

    /** The call result codes operators choose at wrap-up (WS-3): the same editor as the pause reasons. */
    @GetMapping("/admin/acd/wrapup-codes")
    String wrapupCodes(Model model) {
        model.addAttribute("kind", "wrapup");
        return "admin/acd/pause-reasons";
    }

    @GetMapping("/admin/acd/ivr")
    String ivrList(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("flows", ivrs.list(me.tenantId()).stream()
                .sorted(Comparator.comparing(IvrView::number)).toList());
        return "admin/acd/ivrs";
    }

    @GetMapping("/admin/acd/ivr/new")
    String newIvr(@AuthenticationPrincipal CurrentUser me, Model model) {
        return ivrEditor(me, null, model);
    }

    @GetMapping("/admin/acd/ivr/{id}")
    String editIvr(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        return ivrEditor(me, ivrs.get(me.tenantId(), id), model);
    }

    private String ivrEditor(CurrentUser me, IvrView flow, Model model) {
        model.addAttribute("flow", flow);
        model.addAttribute("flowJson", flow == null ? "" : JSON.writeValueAsString(flow));
        model.addAttribute("queuesJson", JSON.writeValueAsString(queues.list(me.tenantId()).stream()
                .sorted(Comparator.comparing(QueueView::number))
                .map(q -> Map.of("id", q.id().toString(), "number", q.number(), "name", q.name())).toList()));
        return "admin/acd/ivr";
    }

    @GetMapping("/admin/acd/simulator")
    @PreAuthorize("hasAuthority('SIMULATION_CONTROL')")
    String simulator(@AuthenticationPrincipal CurrentUser me) {
        if (!ports.simulated(me.tenantId())) {
            throw new NotFoundException("simulator", "switch");
        }
        return "admin/acd/simulator";
    }

    /** A page of an object the user may not see (or that is not there) answers with its status, not a 500. */
    @ExceptionHandler(LiniaException.class)
    String failed(LiniaException e, jakarta.servlet.http.HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("code", e.code());
        return "admin/acd/error";
    }

    private boolean simulationAllowed(CurrentUser me) {
        return me.can(Permission.SIMULATION_CONTROL) && ports.simulated(me.tenantId());
    }

    /** Active users whose roles let them take calls (CALLS_HANDLE), by name. */
    private List<Agent> agents(CurrentUser me) {
        Map<UUID, Agent> found = new LinkedHashMap<>();
        for (RoleView role : roles.list(me.tenantId())) {
            if (!role.permissions().contains(Permission.CALLS_HANDLE.name())) {
                continue;
            }
            for (UserView u : users.search(me.tenantId(), new UserQuery(null, role.code(), "active", null, 200, null)).items()) {
                found.putIfAbsent(u.id(), new Agent(u.id(), u.login(), u.fullName(), u.extension()));
            }
        }
        return found.values().stream().sorted(Comparator.comparing(Agent::fullName)).toList();
    }
}
