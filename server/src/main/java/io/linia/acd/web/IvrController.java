package io.linia.acd.web;

import io.linia.acd.IvrService;
import io.linia.acd.IvrView;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** IVR flows (ACD-8): refused with the reason when broken, used by the next call when changed. */
@RestController
@RequestMapping("/api/v1/ivr")
@Tag(name = "IVR")
@PreAuthorize("hasAuthority('QUEUE_MANAGE')")
class IvrController {

    record Flow(@NotBlank @Size(max = 20) String number, @NotBlank @Size(max = 200) String name,
                @NotBlank @Size(max = 64) String entry, @NotNull JsonNode nodes, Integer version) {
    }

    private final IvrService ivrs;

    IvrController(IvrService ivrs) {
        this.ivrs = ivrs;
    }

    @GetMapping
    List<IvrView> list(@AuthenticationPrincipal CurrentUser me) {
        return ivrs.list(me.tenantId());
    }

    @GetMapping("/{id}")
    IvrView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return ivrs.get(me.tenantId(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an IVR answering calls to its number (node types in docs/acd.md)")
    IvrView create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Flow f) {
        return ivrs.create(me.tenantId(), f.number(), f.name(), f.entry(), f.nodes());
    }

    @PutMapping("/{id}")
    IvrView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody Flow f) {
        if (f.version() == null) {
            throw new io.linia.platform.InvalidInputException("required", "version", "Send the version you edited");
        }
        return ivrs.update(me.tenantId(), id, f.number(), f.name(), f.entry(), f.nodes(), f.version());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        ivrs.delete(me.tenantId(), id);
    }
}
