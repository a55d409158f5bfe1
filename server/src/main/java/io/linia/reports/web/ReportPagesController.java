package io.linia.reports.web;

import io.linia.identity.CurrentUser;
import io.linia.platform.LiniaException;
import io.linia.platform.reporting.ReportCells;
import io.linia.platform.reporting.ReportCells.Cell;
import io.linia.platform.reporting.ReportCells.Option;
import io.linia.platform.reporting.ReportFiles;
import io.linia.platform.reporting.ReportTable;
import io.linia.reports.ReportRequest;
import io.linia.reports.Reports;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * The report pages (issue 4): a filter bar, the table, a chart where people would rather look
 * (service-level curve, period bars, completion shares), export buttons and a print view on
 * A4. Server-rendered from the same {@link Reports} the API uses, so page, API and files agree.
 */
@Controller
class ReportPagesController {

    /** Reports drawn as a chart, and which. */
    private static final List<String> CHARTED = List.of("service-level", "periods", "completion");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Reports reports;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final io.linia.recordings.Recordings recordings;

    ReportPagesController(Reports reports, MessageSource messages, JdbcClient jdbc, ObjectMapper json,
                          io.linia.recordings.Recordings recordings) {
        this.recordings = recordings;
        this.reports = reports;
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping("/reports")
    @PreAuthorize("hasAuthority('STATS_VIEW')")
    String index(Model model) {
        model.addAttribute("reports", Reports.NAMES);
        return "reports/index";
    }

    @GetMapping("/reports/{report}")
    @PreAuthorize("hasAuthority('STATS_VIEW')")
    String report(@AuthenticationPrincipal CurrentUser me, @PathVariable String report,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(name = "queue", required = false) List<String> queues,
                  @RequestParam(name = "agent", required = false) List<String> agents,
                  @RequestParam(required = false) String caller, @RequestParam(required = false) String group,
                  @RequestParam(required = false) String after, Locale locale, Model model, HttpServletResponse response) {
        if (!Reports.NAMES.contains(report)) {
            throw new io.linia.platform.NotFoundException("Unknown report '" + report + "'");
        }
        model.addAttribute("report", report);
        model.addAttribute("reports", Reports.NAMES);
        model.addAttribute("detail", report.equals("answered") || report.equals("lost"));
        model.addAttribute("grouped", report.equals("periods"));
        model.addAttribute("caller", caller == null ? "" : caller);
        model.addAttribute("group", group == null || group.isBlank() ? "day" : group.toLowerCase());
        List<String> chosenQueues = flat(queues);
        List<String> chosenAgents = flat(agents);
        model.addAttribute("queueOptions", jdbc.sql("select id, number, name from acd_queues where tenant_id = ? order by number")
                .param(me.tenantId().value()).query((rs, i) -> new Option(rs.getString(1),
                        rs.getString(2) + " · " + rs.getString(3), chosenQueues.contains(rs.getString(1)))).list());
        model.addAttribute("agentOptions", jdbc.sql("""
                select id, coalesce(extension, ''), full_name from users
                 where tenant_id = ? and deleted_at is null order by full_name""")
                .param(me.tenantId().value()).query((rs, i) -> new Option(rs.getString(1),
                        (rs.getString(2).isEmpty() ? "" : rs.getString(2) + " · ") + rs.getString(3),
                        chosenAgents.contains(rs.getString(1)))).list());
        ReportRequest r;
        ReportTable table;
        try {
            r = reports.request(me.tenantId(), from, to, queues, agents, caller, group, after, 100);
            table = reports.run(me.tenantId(), report, r);
        } catch (LiniaException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute("from", from == null ? "" : from);
            model.addAttribute("to", to == null ? "" : to);
            return "reports/report";
        }
        model.addAttribute("from", LocalDateTime.ofInstant(r.from(), r.zone()).format(INPUT));
        model.addAttribute("to", LocalDateTime.ofInstant(r.to(), r.zone()).format(INPUT));
        model.addAttribute("zone", r.zone().getId());
        model.addAttribute("headings", table.columns().stream()
                .filter(c -> !c.key().endsWith("Id"))
                .map(c -> messages.getMessage("report.column." + c.key(), null, c.key(), locale)).toList());
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ReportTable.Column c = table.columns().get(i);
                if (!c.key().endsWith("Id")) {
                    cells.add(ReportCells.cell(c.type(), row.get(i)));
                }
            }
            rows.add(cells);
        }
        model.addAttribute("rows", rows);
        // answered calls play their recordings in the row, for those who may listen (TEL-6, AUD-3 on each play)
        if (report.equals("answered") && me.can(io.linia.identity.Permission.RECORDING_LISTEN)) {
            int at = table.columns().stream().map(ReportTable.Column::key).toList().indexOf("callId");
            List<String> callIds = table.rows().stream().map(row -> String.valueOf(row.get(at))).toList();
            java.util.Map<String, List<java.util.UUID>> stored = recordings.storedFor(me.tenantId(), callIds);
            model.addAttribute("recordings", callIds.stream().map(id -> stored.getOrDefault(id, List.of())).toList());
        }
        // the same filters for exports and the next page
        UriComponentsBuilder query = UriComponentsBuilder.newInstance()
                .queryParam("from", LocalDateTime.ofInstant(r.from(), r.zone()).format(INPUT))
                .queryParam("to", LocalDateTime.ofInstant(r.to(), r.zone()).format(INPUT));
        chosenQueues.forEach(q -> query.queryParam("queue", q));
        chosenAgents.forEach(a -> query.queryParam("agent", a));
        if (caller != null && !caller.isBlank()) {
            query.queryParam("caller", caller);
        }
        if (report.equals("periods")) {
            query.queryParam("group", r.group().name().toLowerCase());
        }
        String base = query.build().encode().getQuery();
        model.addAttribute("exportQuery", base);
        model.addAttribute("next", table.next() == null ? null : base + "&after=" + table.next());
        if (CHARTED.contains(report) && !table.rows().isEmpty()) {
            model.addAttribute("chart", json.writeValueAsString(chart(report, table, locale)));
        }
        if (report.equals("summary")) {
            model.addAttribute("definitions", List.of("answered", "lost", "shortAbandoned", "serviceLevel", "abandonRate",
                    "asa", "aht", "occupancy"));
        }
        return "reports/report";
    }

    private static List<String> flat(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** A Chart.js configuration: the cumulative service-level curve, period bars or completion shares. */
    private Map<String, Object> chart(String report, ReportTable t, Locale locale) {
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < t.columns().size(); i++) {
            at.put(t.columns().get(i).key(), i);
        }
        java.util.function.Function<String, List<Object>> column = key -> t.rows().stream().map(r -> r.get(at.get(key))).toList();
        java.util.function.Function<String, String> label = key -> messages.getMessage("report.column." + key, null, key, locale);
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        String type;
        switch (report) {
            case "service-level" -> {
                type = "line";
                data.put("labels", column.apply("bucket"));
                data.put("datasets", List.of(
                        dataset(label.apply("answeredCumulativePercent"), column.apply("answeredCumulativePercent"), "#1f6feb"),
                        dataset(label.apply("lostCumulativePercent"), column.apply("lostCumulativePercent"), "#cf222e")));
                options.put("scales", Map.of("y", Map.of("min", 0, "max", 100)));
            }
            case "periods" -> {
                type = "bar";
                data.put("labels", column.apply("period").stream().map(p -> ((LocalDateTime) p).format(ReportCells.SHOWN).replace(":00:00", ":00")).toList());
                data.put("datasets", List.of(dataset(label.apply("answered"), column.apply("answered"), "#1f6feb"),
                        dataset(label.apply("lost"), column.apply("lost"), "#cf222e")));
                options.put("scales", Map.of("x", Map.of("stacked", true), "y", Map.of("stacked", true)));
            }
            default -> {
                type = "bar";
                data.put("labels", column.apply("agentName"));
                data.put("datasets", List.of(
                        dataset(label.apply("endedByCallerPercent"), column.apply("endedByCallerPercent"), "#1f6feb"),
                        dataset(label.apply("endedByAgentPercent"), column.apply("endedByAgentPercent"), "#2da44e"),
                        dataset(label.apply("transferredPercent"), column.apply("transferredPercent"), "#bf8700")));
                options.put("indexAxis", "y");
                options.put("scales", Map.of("x", Map.of("stacked", true, "max", 100), "y", Map.of("stacked", true)));
            }
        }
        options.put("animation", false);
        options.put("maintainAspectRatio", false);
        return Map.of("type", type, "data", data, "options", options);
    }

    private static Map<String, Object> dataset(String label, List<Object> values, String colour) {
        return Map.of("label", label, "data", values.stream().map(v -> v == null ? 0 : v).toList(),
                "borderColor", colour, "backgroundColor", colour);
    }
}
