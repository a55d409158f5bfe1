package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.UserService;
import io.linia.platform.InvalidInputException;
import io.linia.platform.LiniaException;
import io.linia.platform.reporting.ReportCells;
import io.linia.platform.reporting.ReportCells.Cell;
import io.linia.platform.reporting.ReportCells.Option;
import io.linia.platform.reporting.ReportFiles;
import io.linia.platform.reporting.ReportTable;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.requests.Actor;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestReport;
import io.linia.requests.RequestReportQuery;
import io.linia.requests.RequestReports;
import io.linia.requests.RequestSetups;
import io.linia.requests.internal.SetupRules;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * The request report page (CASE-6, docs/requests.md "Analytic report"): a filter bar (period in
 * the tenant's zone, grouping, project, type, status, executor) whose choices stay in the
 * address, the table with the total, bars of resolved and open requests per group, export
 * buttons for the same figures as CSV, XLSX and PDF, and a print view on A4. The same
 * {@link RequestReports} and {@link RequestReportTables} the API uses, so page and files agree.
 */
@Controller
class RequestReportPagesController {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    /** The period shown when none is chosen: the last 30 days, today included. */
    private static final int DEFAULT_DAYS = 30;

    private final RequestReports reports;
    private final RequestReportTables tables;
    private final RequestSetups setups;
    private final Projects projects;
    private final UserService users;
    private final ObjectMapper json;
    private final Clock clock;

    RequestReportPagesController(RequestReports reports, RequestReportTables tables, RequestSetups setups,
                                 Projects projects, UserService users, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.tables = tables;
        this.setups = setups;
        this.projects = projects;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/requests/report")
    @PreAuthorize("hasAnyAuthority('STATS_VIEW', 'PROJECT_MANAGE')")
    String report(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Locale locale,
                  Model model, HttpServletResponse response) {
        Actor actor = Actors.of(me);
        ZoneId zone = tables.zone(me.tenantId());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        String from = value(params, "from");
        String to = value(params, "to");
        String by = value(params, "by") == null ? "type" : value(params, "by");
        String type = value(params, "type");
        String status = value(params, "status");
        model.addAttribute("zone", zone.getId());
        model.addAttribute("from", from == null ? today.minusDays(DEFAULT_DAYS - 1).atStartOfDay().format(INPUT) : from);
        model.addAttribute("to", to == null ? today.plusDays(1).atStartOfDay().format(INPUT) : to);
        model.addAttribute("by", by);
        model.addAttribute("groups", RequestReportTables.GROUPS.stream().map(g -> new Option(g, g, g.equals(by))).toList());
        RequestReport report;
        try {
            UUID project = uuid(params, "project");
            UUID executor = uuid(params, "executor");
            options(me, actor, project, type, status, executor, model);
            report = reports.run(me.tenantId(), new RequestReportQuery(
                    instant("from", (String) model.getAttribute("from"), zone),
                    instant("to", (String) model.getAttribute("to"), zone), by, project, type, status, executor), actor);
        } catch (LiniaException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.code());
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorDetail", e.getMessage());
            if (!model.containsAttribute("projectOptions")) {
                options(me, actor, null, type, status, null, model);
            }
            return "requests/report";
        }
        ReportTable table = tables.table(report, locale);
        ReportFiles.Labels labels = tables.labels(locale);
        int shown = table.columns().size() - 1; // the key column is for files and machines
        model.addAttribute("headings", table.columns().subList(0, shown).stream().map(c -> labels.of(c.key())).toList());
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < shown; i++) {
                cells.add(ReportCells.cell(table.columns().get(i).type(), row.get(i)));
            }
            rows.add(cells);
        }
        model.addAttribute("rows", rows.subList(0, rows.size() - 1));
        model.addAttribute("totalRow", rows.get(rows.size() - 1));
        // the exports carry the very period the page shows, as instants
        UriComponentsBuilder query = UriComponentsBuilder.newInstance()
                .queryParam("from", report.from().toString()).queryParam("to", report.to().toString())
                .queryParam("by", report.by());
        for (String k : List.of("project", "type", "status", "executor")) {
            if (value(params, k) != null) {
                query.queryParam(k, value(params, k));
            }
        }
        model.addAttribute("exportQuery", query.build().encode().getQuery());
        if (!report.rows().isEmpty()) {
            model.addAttribute("chart", json.writeValueAsString(chart(report, table, labels)));
        }
        return "requests/report";
    }

    /** The filter choices: the tenant's projects (a customer user's only), types and statuses of the chosen project or all, executors. */
    private void options(CurrentUser me, Actor actor, UUID project, String type, String status, UUID executor,
                         Model model) {
        List<UUID> visible = actor.customerOnly() ? setups.projectsOfCustomerUser(me.tenantId(), actor.userId()) : null;
        List<ProjectView> all = projects.list(me.tenantId(), false).stream()
                .filter(p -> visible == null || visible.contains(p.id())).toList();
        model.addAttribute("projectOptions", all.stream().map(p -> new Option(p.id().toString(),
                p.code() + " · " + p.name(), p.id().equals(project))).toList());
        Collection<ProjectSetup> sources = project != null && all.stream().anyMatch(p -> p.id().equals(project))
                ? List.of(setups.get(me.tenantId(), project)) : setupsOf(me, all);
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        sources.forEach(s -> s.types().forEach(t -> types.putIfAbsent(t.code(), t.name())));
        sources.forEach(s -> s.statuses().forEach(t -> statuses.putIfAbsent(t.code(), t.name())));
        model.addAttribute("typeOptions", types.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(type))).toList());
        model.addAttribute("statusOptions", statuses.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(status))).toList());
        model.addAttribute("executorOptions", users.holdersOf(me.tenantId(), Permission.REQUEST_WORK).entrySet().stream()
                .map(e -> new Option(e.getKey().toString(), e.getValue(), e.getKey().equals(executor))).toList());
    }

    private List<ProjectSetup> setupsOf(CurrentUser me, List<ProjectView> shown) {
        Map<UUID, ProjectSetup> own = setups.all(me.tenantId());
        List<ProjectSetup> out = new ArrayList<>();
        shown.forEach(p -> out.add(own.getOrDefault(p.id(), SetupRules.defaults())));
        if (out.isEmpty()) {
            out.add(SetupRules.defaults());
        }
        return out;
    }

    /** Resolved and open requests per group as stacked bars (Chart.js), in the order of the table. */
    private static Map<String, Object> chart(RequestReport r, ReportTable t, ReportFiles.Labels labels) {
        List<Object> names = t.rows().subList(0, r.rows().size()).stream().map(row -> row.get(0)).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", names);
        data.put("datasets", List.of(
                dataset(labels.of("resolved"), r.rows().stream().map(RequestReport.Row::resolved).toList(), "#2da44e"),
                dataset(labels.of("open"), r.rows().stream().map(RequestReport.Row::open).toList(), "#1f6feb")));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("scales", Map.of("x", Map.of("stacked", true), "y", Map.of("stacked", true, "beginAtZero", true,
                "ticks", Map.of("precision", 0))));
        options.put("animation", false);
        options.put("maintainAspectRatio", false);
        return Map.of("type", "bar", "data", data, "options", options);
    }

    private static Map<String, Object> dataset(String label, List<Long> values, String colour) {
        return Map.of("label", label, "data", values, "borderColor", colour, "backgroundColor", colour,
                "maxBarThickness", 72);
    }

    /** A date (its start) or a local date-time in the tenant's zone. */
    private static Instant instant(String field, String value, ZoneId zone) {
        try {
            LocalDateTime local = value.length() <= 10 ? LocalDate.parse(value).atStartOfDay() : LocalDateTime.parse(value);
            return local.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("format", field, "A date (2026-11-01) or a local date-time (2026-11-01T08:30)");
        }
    }

    private static UUID uuid(Map<String, String> params, String field) {
        String v = value(params, field);
        try {
            return v == null ? null : UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", field, "Not an id: " + v);
        }
    }

    private static String value(Map<String, String> params, String key) {
        String v = params.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
