package io.linia.customers.web;

import io.linia.customers.CustomFieldDraft;
import io.linia.customers.CustomFieldView;
import io.linia.customers.CustomerFields;
import io.linia.customers.CustomerSettings;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's custom fields of customer cards and its customer settings (CRM-1, CRM-2).
 * Anyone who reads cards reads the definitions; changing them is tenant configuration
 * (SETTINGS_MANAGE).
 */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customer fields", description = "Tenant-defined custom fields of customer cards and the default phone region")
class CustomerFieldController {

    private final CustomerFields fields;
    private final CustomerSettings settings;

    CustomerFieldController(CustomerFields fields, CustomerSettings settings) {
        this.fields = fields;
        this.settings = settings;
    }

    @GetMapping("/fields")
    @PreAuthorize("hasAnyAuthority('CUSTOMER_VIEW', 'SETTINGS_MANAGE')")
    List<CustomFieldView> list(@AuthenticationPrincipal CurrentUser me) {
        return fields.list(me.tenantId());
    }

    @GetMapping("/fields/{id}")
    @PreAuthorize("hasAnyAuthority('CUSTOMER_VIEW', 'SETTINGS_MANAGE')")
    CustomFieldView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return fields.get(me.tenantId(), id);
    }

    @PostMapping("/fields")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Add a custom field", description = "type: TEXT, NUMBER, DATE, BOOLEAN or CHOICE (with choices). "
            + "key, type and confidential are fixed once created.")
    CustomFieldView create(@AuthenticationPrincipal CurrentUser me, @RequestBody CustomFieldDraft draft) {
        return fields.create(me.tenantId(), draft);
    }

    @PatchMapping("/fields/{id}")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Change a field's label, required flag, choices or position")
    CustomFieldView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                           @RequestBody CustomFieldDraft draft) {
        return fields.update(me.tenantId(), id, draft);
    }

    @DeleteMapping("/fields/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Delete a field and every card's value of it")
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        fields.delete(me.tenantId(), id);
    }

    @GetMapping("/settings")
    @PreAuthorize("hasAnyAuthority('CUSTOMER_VIEW', 'SETTINGS_MANAGE')")
    CustomerSettings.View settings(@AuthenticationPrincipal CurrentUser me) {
        return settings.get(me.tenantId());
    }

    @PutMapping("/settings")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Set the default region of phone numbers typed without a country code (RU unless set)")
    CustomerSettings.View updateSettings(@AuthenticationPrincipal CurrentUser me, @RequestBody CustomerSettings.View view) {
        return settings.update(me.tenantId(), view);
    }
}
