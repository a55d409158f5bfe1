package io.linia.asterisk.web;

import io.linia.asterisk.HistoryImports;
import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Imports of Asterisk history (TEL-4): upload or path, progress, stop (docs/asterisk.md). */
@RestController
@RequestMapping("/api/v1/history/imports")
@Tag(name = "History import", description = "Asterisk queue_log into Linia's call history (TEL-4)")
class HistoryImportController {

    private final HistoryImports imports;
    private final ObjectMapper json;

    HistoryImportController(HistoryImports imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    /** An import of a file on the server: {@code path} in an allowed directory, {@code follow} to keep reading it. */
    record PathImport(String path, Boolean follow, Boolean createQueues, Map<String, String> agents,
                      Map<String, String> queues) {
    }

    @PostMapping(consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Upload a queue_log (the request body) and import it in the background; 202 with the import")
    ResponseEntity<HistoryImports.ImportView> upload(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request,
                                                     @RequestParam(required = false) String name,
                                                     @RequestParam(required = false) Boolean createQueues,
                                                     @RequestParam(required = false) String agents,
                                                     @RequestParam(required = false) String queues) throws IOException {
        HistoryImports.Options options = new HistoryImports.Options(createQueues, map("agents", agents),
                map("queues", queues));
        HistoryImports.ImportView view = imports.upload(me.tenantId(), me.userId(), name, request.getInputStream(), options);
        return accepted(view);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Import (and optionally follow) a queue_log the server can read; 202 with the import")
    ResponseEntity<HistoryImports.ImportView> fromPath(@AuthenticationPrincipal CurrentUser me,
                                                       @RequestBody PathImport body) {
        HistoryImports.ImportView view = imports.fromPath(me.tenantId(), me.userId(), body.path(),
                Boolean.TRUE.equals(body.follow()),
                new HistoryImports.Options(body.createQueues(), body.agents(), body.queues()));
        return accepted(view);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "The tenant's imports, newest first")
    Map<String, List<HistoryImports.ImportView>> list(@AuthenticationPrincipal CurrentUser me) {
        return Map.of("imports", imports.list(me.tenantId()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "An import: status, progress (bytes, lines, percent) and what it found")
    HistoryImports.ImportView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return imports.get(me.tenantId(), id);
    }

    @PostMapping("/{id}/stop")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Stop following a file")
    HistoryImports.ImportView stop(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return imports.stop(me.tenantId(), id);
    }

    private static ResponseEntity<HistoryImports.ImportView> accepted(HistoryImports.ImportView view) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/history/imports/" + view.id())).body(view);
    }

    private Map<String, String> map(String field, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(value, new TypeReference<Map<String, String>>() { });
        } catch (JacksonException e) {
            throw new InvalidInputException("format", field, "Expected a JSON object of names to values, as {\"Agent 1001\": \"1001\"}");
        }
    }
}
