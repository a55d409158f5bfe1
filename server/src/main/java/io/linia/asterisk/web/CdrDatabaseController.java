package io.linia.asterisk.web;

import io.linia.asterisk.HistoryImports;
import io.linia.asterisk.cdr.CdrDatabaseSettings;
import io.linia.asterisk.cdr.DatabaseImports;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's CDR database (TEL-7) and imports from it (TEL-4); progress at /api/v1/history/imports/{id}. */
@RestController
@RequestMapping("/api/v1/asterisk/cdr-database")
@Tag(name = "Asterisk CDR database", description = "FreePBX asteriskcdrdb: settings and imports (TEL-4, TEL-7, docs/asterisk.md)")
class CdrDatabaseController {

    private final CdrDatabaseSettings settings;
    private final DatabaseImports imports;

    CdrDatabaseController(CdrDatabaseSettings settings, DatabaseImports imports) {
        this.settings = settings;
        this.imports = imports;
    }

    /** An import: how names are matched (as for a queue_log file) and how long CDRs settle. */
    record DatabaseImport(Boolean createQueues, Map<String, String> agents, Map<String, String> queues,
                          Integer settleMinutes) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "The settings (the password only as whether one is set) and how far imports have read; 404 when none")
    CdrDatabaseSettings.View get(@AuthenticationPrincipal CurrentUser me) {
        return settings.get(me.tenantId());
    }

    @PutMapping
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Change the settings; the connection and tables are checked first (verify=false to skip)")
    CdrDatabaseSettings.View update(@AuthenticationPrincipal CurrentUser me, @RequestBody CdrDatabaseSettings.Change change,
                                    @RequestParam(defaultValue = "true") boolean verify) {
        return settings.update(me.tenantId(), change, verify);
    }

    @PostMapping("/test")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Try the stored connection: DNS, refused, timeout, login, database, tables and columns")
    CdrDatabaseSettings.TestResult test(@AuthenticationPrincipal CurrentUser me) {
        return settings.test(me.tenantId());
    }

    @PostMapping("/imports")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Import the queue_log and cdr tables from where the last import stopped; 202 with the import")
    ResponseEntity<HistoryImports.ImportView> start(@AuthenticationPrincipal CurrentUser me,
                                                    @RequestBody(required = false) DatabaseImport body) {
        DatabaseImport b = body == null ? new DatabaseImport(null, null, null, null) : body;
        HistoryImports.ImportView view = imports.start(me.tenantId(), me.userId(),
                new HistoryImports.Options(b.createQueues(), b.agents(), b.queues()), b.settleMinutes());
        return ResponseEntity.accepted().location(URI.create("/api/v1/history/imports/" + view.id())).body(view);
    }
}
