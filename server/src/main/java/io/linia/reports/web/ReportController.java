package io.linia.reports.web;

import io.linia.identity.CurrentUser;
import io.linia.platform.NotFoundException;
import io.linia.platform.reporting.ReportFormat;
import io.linia.platform.reporting.ReportTable;
import io.linia.reports.ReportRequest;
import io.linia.reports.ReportSettings;
import io.linia.reports.ReportSettingsService;
import io.linia.reports.Reports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/{report}} (REP-1..8): JSON by default; {@code format=csv|xlsx|pdf}
 * (or the matching {@code Accept}) gives the same rows as a file, streamed page by page.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController {

    private final Reports reports;
    private final ReportSettingsService settings;
    private final MessageSource messages;
    private final io.linia.reports.ReportMaintenance maintenance;

    ReportController(Reports reports, ReportSettingsService settings, MessageSource messages,
                     io.linia.reports.ReportMaintenance maintenance) {
        this.reports = reports;
        this.settings = settings;
        this.messages = messages;
        this.maintenance = maintenance;
    }

    record Settings(String serviceLevelFormula, Integer shortAbandonSeconds, Boolean excludeShortAbandons) {
        static Settings of(ReportSettings s) {
            return new Settings(s.formula().name(), s.shortAbandonSeconds(), s.excludeShortAbandons());
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('STATS_VIEW')")
    @Operation(summary = "The reports there are")
    Map<String, Object> list() {
        return Map.of("reports", Reports.NAMES);
    }

    @GetMapping("/settings")
    @PreAuthorize("hasAuthority('STATS_VIEW')")
    @Operation(summary = "The tenant's service-level formula and short-abandon rule (REP-10)")
    Settings settings(@AuthenticationPrincipal CurrentUser me) {
        return Settings.of(settings.get(me.tenantId()));
    }

    @PutMapping("/settings")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Change the service-level formula (SL, SL2, OFFERED) and the short-abandon rule")
    Settings update(@AuthenticationPrincipal CurrentUser me, @RequestBody Settings s) {
        return Settings.of(settings.update(me.tenantId(), s.serviceLevelFormula(), s.shortAbandonSeconds(),
                s.excludeShortAbandons()));
    }

    @org.springframework.web.bind.annotation.PostMapping("/rollups/rebuild")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Rebuild the tenant's report rollups from its call legs (after a bulk load or an import)")
    Map<String, Long> rebuild(@AuthenticationPrincipal CurrentUser me) {
        return maintenance.rebuild(me.tenantId());
    }

    @GetMapping("/{report}")
    @PreAuthorize("hasAuthority('STATS_VIEW')")
    @Operation(summary = "A report: answered, lost, summary, operators, queues, completion, service-level, periods, agents")
    Map<String, Object> report(@AuthenticationPrincipal CurrentUser me, @PathVariable String report,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(name = "queue", required = false) List<String> queues,
                             @RequestParam(name = "agent", required = false) List<String> agents,
                             @RequestParam(required = false) String caller, @RequestParam(required = false) String group,
                             @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) String separator,
                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                             jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        if (!Reports.NAMES.contains(report)) {
            throw new NotFoundException("Unknown report '" + report + "'; reports: " + String.join(", ", Reports.NAMES));
        }
        ReportFormat kind = ReportFormat.negotiate(format, accept);
        ReportRequest r = reports.request(me.tenantId(), from, to, queues, agents, caller, group, after, limit);
        if (kind == ReportFormat.JSON) {
            return json(reports.run(me.tenantId(), report, r));
        }
        char sep = ReportFormat.separator(separator);
        Locale locale = LocaleContextHolder.getLocale();
        kind.write(response, sep, report + "-" + LocalDate.ofInstant(r.from(), r.zone()), report,
                messages.getMessage("report." + report, null, report, locale) + " · "
                        + r.from().atZone(r.zone()).toLocalDateTime() + " – " + r.to().atZone(r.zone()).toLocalDateTime(),
                key -> messages.getMessage("report.column." + key, null, key, locale),
                page -> reports.each(me.tenantId(), report, r, page));
        return null;
    }

    /** JSON: rows as objects keyed by column; durations in whole seconds, date-times local. */
    private static Map<String, Object> json(ReportTable t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", t.report());
        out.put("columns", t.columns().stream().map(c -> Map.of("key", c.key(), "type", c.type().name())).toList());
        out.put("rows", t.rows().stream().map(row -> {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int i = 0; i < t.columns().size(); i++) {
                Object v = row.get(i);
                o.put(t.columns().get(i).key(), v instanceof java.time.LocalDateTime d ? d.toString() : v);
            }
            return o;
        }).toList());
        out.put("next", t.next());
        return out;
    }
}
