package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestSetups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The project constructor (CASE-2) as one document; docs/requests.md "Constructor". */
@RestController
@Tag(name = "Requests", description = "Requests / cases (CASE-1..7)")
class SetupController {

    private final RequestSetups setups;

    SetupController(RequestSetups setups) {
        this.setups = setups;
    }

    @GetMapping("/api/v1/projects/{id}/setup")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'REQUEST_WORK')")
    @Operation(summary = "The project's constructor: types, fields, dictionaries, statuses, operations, groups, "
            + "notifications, customer access (the defaults, version 0, until first saved)")
    ProjectSetup get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return setups.get(me.tenantId(), id);
    }

    @PutMapping("/api/v1/projects/{id}/setup")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    @Operation(summary = "Replace the project's constructor", description = "version must be the stored one (409 "
            + "stale_version); removing a type or status in use is 409 in_use; a field keeps its type (422 immutable)")
    ProjectSetup put(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody ProjectSetup setup) {
        return setups.put(me.tenantId(), id, setup);
    }
}
