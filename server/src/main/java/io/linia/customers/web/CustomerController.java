package io.linia.customers.web;

import io.linia.customers.Author;
import io.linia.customers.CustomerDraft;
import io.linia.customers.CustomerPage;
import io.linia.customers.CustomerSummary;
import io.linia.customers.CustomerView;
import io.linia.customers.Customers;
import io.linia.customers.internal.Marks;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer cards (CRM-1) and matching by phone and e-mail (CRM-2); docs/customers.md.
 * Reading needs CUSTOMER_VIEW, changing CUSTOMER_MANAGE; every change is audited.
 */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Customer cards of persons and organizations, matching by phone and e-mail (CRM-1, CRM-2)")
class CustomerController {

    /** A note to add. */
    record NewNote(String text) {
    }

    private final Customers customers;
    private final Marks marks;

    CustomerController(Customers customers, Marks marks) {
        this.customers = customers;
        this.marks = marks;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Cards in name order, a page at a time",
            description = "q: a name part (display name, holding, city), a phone in any format, or an exact e-mail. "
                    + "Pass the returned 'next' as 'after' for the next page.")
    CustomerPage list(@AuthenticationPrincipal CurrentUser me,
                      @RequestParam(required = false) String q,
                      @RequestParam(defaultValue = "50") int limit,
                      @RequestParam(required = false) String after) {
        return customers.search(me.tenantId(), q, limit, after);
    }

    @GetMapping("/match")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "The cards of a caller's number or an e-mail address (CRM-2)",
            description = "Give phone or email. The phone is normalized like stored ones: 8 495 123-45-67 finds +74951234567. "
                    + "A phone that is no valid number, or an e-mail that is no address, is a 422.")
    List<CustomerSummary> match(@AuthenticationPrincipal CurrentUser me,
                                @RequestParam(required = false) String phone,
                                @RequestParam(required = false) String email) {
        return customers.match(me.tenantId(), phone, email);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "A card", description = "Confidential custom fields are listed in hiddenFields; "
            + "reveal=true returns their values and is audited (AUD-3). marks: the projects in which the card is VIP, "
            + "with the priority (CRM-4).")
    CustomerView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                     @Parameter(description = "decrypt confidential custom fields (audited)")
                     @RequestParam(defaultValue = "false") boolean reveal) {
        return marks.on(me.tenantId(), reveal ? customers.reveal(me.tenantId(), id) : customers.get(me.tenantId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Create a card", description = "409 duplicate_customer when a card of the same kind and name "
            + "already has one of the phones.")
    CustomerView create(@AuthenticationPrincipal CurrentUser me, @RequestBody CustomerDraft draft) {
        return marks.on(me.tenantId(), customers.create(me.tenantId(), draft, author(me)));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Change a card", description = "Absent or null fields stay; \"\" clears a text; phones and "
            + "emails replace the lists; notes are added; customFields: null removes a value. Send version to detect "
            + "concurrent edits (409 stale_version).")
    CustomerView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody CustomerDraft draft) {
        return marks.on(me.tenantId(), customers.update(me.tenantId(), id, draft, author(me)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Delete a card with its phones, e-mails, notes and values; linked people stay, unlinked")
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        customers.delete(me.tenantId(), id);
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Add a note to a card; the author and time are recorded")
    CustomerView.Note addNote(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody NewNote note) {
        return customers.addNote(me.tenantId(), id, note.text(), author(me));
    }

    @DeleteMapping("/{id}/notes/{noteId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    void deleteNote(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID noteId) {
        customers.deleteNote(me.tenantId(), id, noteId);
    }

    private static Author author(CurrentUser me) {
        return new Author(me.userId(), me.fullName());
    }
}
