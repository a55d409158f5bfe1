package io.linia.customers.web;

import io.linia.customers.Author;
import io.linia.customers.CustomFieldView;
import io.linia.customers.CustomerDraft;
import io.linia.customers.CustomerFields;
import io.linia.customers.CustomerImports;
import io.linia.customers.CustomerPage;
import io.linia.customers.CustomerTimeline;
import io.linia.customers.CustomerView;
import io.linia.customers.Customers;
import io.linia.customers.ImportOptions;
import io.linia.customers.ImportTooLargeException;
import io.linia.customers.ImportView;
import io.linia.customers.TimelinePage;
import io.linia.customers.internal.Marks;
import io.linia.customers.internal.ImportMapping;
import io.linia.identity.CurrentUser;
import io.linia.identity.TenantService;
import io.linia.platform.InvalidInputException;
import io.linia.platform.LiniaException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The customer pages (CRM-1, CRM-3, CRM-5): the list with search and paging, the card with its
 * timeline (recordings played inline for those allowed), create and edit, the import wizard
 * (upload, mapping, preview with the rejected records, import) and the export button.
 * Server-rendered from the same services the API uses; every string through the
 * {@code i18n/customers} bundle.
 */
@Controller
class CustomerPagesController {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Customers customers;
    private final CustomerFields fields;
    private final CustomerTimeline timeline;
    private final CustomerImports imports;
    private final TenantService tenants;
    private final Marks marks;

    CustomerPagesController(Customers customers, CustomerFields fields, CustomerTimeline timeline,
                            CustomerImports imports, TenantService tenants, Marks marks) {
        this.marks = marks;
        this.customers = customers;
        this.fields = fields;
        this.timeline = timeline;
        this.imports = imports;
        this.tenants = tenants;
    }

    /**
     * An entry of the card's timeline, formatted for the page: a call, or another module's entry
     * ({@code type} other than {@code call}) shown by its {@code title}, {@code status} and {@code link}.
     */
    record CallRow(String id, String at, String direction, String number, String queue, String agent, String outcome,
                   String talk, List<String> audio, String type, String title, String status, String link) {
    }

    @GetMapping("/customers")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
                @RequestParam(required = false) String after, Model model, HttpServletResponse response) {
        model.addAttribute("q", q);
        try {
            CustomerPage page = customers.search(me.tenantId(), q, 50, after);
            model.addAttribute("page", page);
        } catch (LiniaException e) {
            response.setStatus(e.status().value());
            model.addAttribute("page", new CustomerPage(List.of(), null));
            model.addAttribute("error", e.getMessage());
        }
        return "customers/list";
    }

    @GetMapping("/customers/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String card(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                @RequestParam(defaultValue = "false") boolean reveal, @RequestParam(required = false) String after,
                Model model) {
        CustomerView card = marks.on(me.tenantId(), reveal ? customers.reveal(me.tenantId(), id) : customers.get(me.tenantId(), id));
        model.addAttribute("card", card);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("holding", card.holding());
        facts.put("industry", card.industry());
        facts.put("position", card.position());
        facts.put("status", card.status());
        facts.put("region", card.region());
        facts.put("city", card.city());
        facts.put("address", card.address());
        facts.put("website", card.website());
        facts.values().removeIf(java.util.Objects::isNull);
        model.addAttribute("facts", facts.entrySet());
        model.addAttribute("defs", fields.list(me.tenantId()));
        model.addAttribute("organization", card.organizationId() == null ? null
                : customers.get(me.tenantId(), card.organizationId()));
        TimelinePage page = timeline.page(me.tenantId(), id, 50, after);
        ZoneId zone = ZoneId.of(tenants.get(me.tenantId()).timeZone());
        List<CallRow> calls = new ArrayList<>();
        page.items().forEach(e -> {
            Map<String, Object> d = e.details();
            if (!"call".equals(e.type())) {
                Object number = d.get("number");
                String title = (number == null ? "" : "#" + number + " ") + (d.get("subject") == null ? "" : d.get("subject"));
                Object status = d.get("statusName") != null ? d.get("statusName") : d.get("status");
                calls.add(new CallRow(e.id(), e.at().atZone(zone).format(SHOWN), null, null, null, null, null, null,
                        List.of(), e.type(), title, status == null ? null : status.toString(),
                        d.get("link") instanceof String link && link.startsWith("/") ? link : null));
                return;
            }
            Object talk = d.get("talkMs");
            List<String> audio = new ArrayList<>();
            if (d.get("recordings") instanceof List<?> recs) {
                recs.forEach(r -> audio.add(String.valueOf(((Map<?, ?>) r).get("audio"))));
            }
            calls.add(new CallRow(e.id(), e.at().atZone(zone).format(SHOWN), (String) d.get("direction"),
                    (String) d.get("number"), (String) d.get("queueName"), (String) d.get("agentName"),
                    (String) d.get("outcome"), talk == null ? null : duration(((Number) talk).longValue()), audio, e.type(),
                    null, null, null));
        });
        model.addAttribute("calls", calls);
        model.addAttribute("next", page.next());
        model.addAttribute("canListen", me.can(io.linia.identity.Permission.RECORDING_LISTEN));
        model.addAttribute("canManage", me.can(io.linia.identity.Permission.CUSTOMER_MANAGE));
        // an operator with a workstation calls a phone of the card from here (WS-3, dial API)
        model.addAttribute("canDial", me.can(io.linia.identity.Permission.CALLS_HANDLE));
        return "customers/card";
    }

    @GetMapping("/customers/new")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String newCard(@AuthenticationPrincipal CurrentUser me,
                   @org.springframework.web.bind.annotation.RequestParam(required = false) String phone, Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("kind", "PERSON");
        if (phone != null && !phone.isBlank()) {
            form.put("phones", phone.strip()); // "new customer" from a call's card pop (WS-4)
        }
        return form(me, null, form, model);
    }

    @GetMapping("/customers/{id}/edit")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        CustomerView c = customers.get(me.tenantId(), id);
        Map<String, String> form = new HashMap<>();
        form.put("kind", c.kind().name());
        form.put("name", c.name());
        form.put("holding", c.holding());
        form.put("industry", c.industry());
        form.put("lastName", c.lastName());
        form.put("firstName", c.firstName());
        form.put("middleName", c.middleName());
        form.put("position", c.position());
        form.put("status", c.status());
        form.put("region", c.region());
        form.put("city", c.city());
        form.put("address", c.address());
        form.put("website", c.website());
        form.put("phones", String.join("\n", c.phones().stream().map(CustomerView.Phone::raw).toList()));
        form.put("emails", String.join("\n", c.emails().stream().map(CustomerView.Email::address).toList()));
        c.customFields().forEach((k, v) -> form.put("custom." + k, String.valueOf(v)));
        model.addAttribute("version", c.version());
        return form(me, c, form, model);
    }

    private String form(CurrentUser me, CustomerView card, Map<String, String> form, Model model) {
        model.addAttribute("card", card);
        model.addAttribute("form", form);
        List<String> person = List.of("lastName", "firstName", "middleName", "position");
        List<String> org = List.of("name", "holding", "industry");
        List<String> names = new ArrayList<>();
        if (card == null || card.kind() == io.linia.customers.CustomerKind.PERSON) {
            names.addAll(person);
        }
        if (card == null || card.kind() == io.linia.customers.CustomerKind.ORGANIZATION) {
            names.addAll(org);
        }
        names.addAll(List.of("status", "region", "city", "website"));
        model.addAttribute("fieldNames", names);
        model.addAttribute("defs", fields.list(me.tenantId()).stream().filter(f -> !f.confidential() || card == null).toList());
        return "customers/form";
    }

    @PostMapping({"/customers/new", "/customers/{id}/edit"})
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String save(@AuthenticationPrincipal CurrentUser me, @PathVariable(required = false) UUID id,
                @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        Map<String, String> form = params.toSingleValueMap();
        List<CustomFieldView> defs = fields.list(me.tenantId());
        Author author = new Author(me.userId(), me.fullName());
        try {
            Map<String, Object> custom = new LinkedHashMap<>();
            for (CustomFieldView f : defs) {
                String v = form.get("custom." + f.key());
                if (v != null && !v.isBlank()) {
                    custom.put(f.key(), f.type() == io.linia.customers.FieldType.TEXT ? v : ImportMapping.typed(f, v.strip()));
                } else if (v != null && id != null) {
                    custom.put(f.key(), null);
                }
            }
            String note = form.get("note");
            CustomerDraft draft = new CustomerDraft(id == null ? form.get("kind") : null, text(form, "name"),
                    text(form, "holding"), text(form, "industry"), text(form, "lastName"), text(form, "firstName"),
                    text(form, "middleName"), text(form, "position"), null, text(form, "status"), text(form, "region"),
                    text(form, "city"), text(form, "address"), text(form, "website"),
                    lines(form.get("phones")).stream().map(p -> new CustomerDraft.PhoneInput(p, null)).toList(),
                    lines(form.get("emails")).stream().map(e -> new CustomerDraft.EmailInput(e, null)).toList(),
                    note == null || note.isBlank() ? List.of() : List.of(note), custom,
                    form.get("version") == null || form.get("version").isBlank() ? null : Integer.valueOf(form.get("version")));
            CustomerView saved = id == null ? customers.create(me.tenantId(), draft, author)
                    : customers.update(me.tenantId(), id, draft, author);
            return "redirect:/customers/" + saved.id();
        } catch (LiniaException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute("version", form.get("version"));
            return form(me, id == null ? null : customers.get(me.tenantId(), id), new HashMap<>(form), model);
        }
    }

    @GetMapping("/customers/import")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String importStart(Model model) {
        model.addAttribute("maxMb", imports.maxBytes() / (1024 * 1024));
        return "customers/import-upload";
    }

    @PostMapping("/customers/import")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String upload(@AuthenticationPrincipal CurrentUser me, @RequestParam("file") MultipartFile file,
                  @RequestParam(required = false) String encoding, @RequestParam(required = false) String separator,
                  Model model, HttpServletResponse response) {
        try {
            if (file.getSize() > imports.maxBytes()) {
                throw new ImportTooLargeException(imports.maxBytes());
            }
            byte[] bytes;
            try (InputStream in = file.getInputStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ImportView v = imports.upload(me.tenantId(), me.userId(), file.getOriginalFilename(), bytes, encoding, separator);
            return "redirect:/customers/import/" + v.id();
        } catch (LiniaException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("maxMb", imports.maxBytes() / (1024 * 1024));
            return "customers/import-upload";
        }
    }

    @GetMapping("/customers/import/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String importPage(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        return importView(me, imports.get(me.tenantId(), id), model);
    }

    @PostMapping("/customers/import/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    String importAction(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                        @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        ImportView before = imports.get(me.tenantId(), id);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < before.columns().size(); i++) {
            String target = params.getFirst("map" + i);
            mapping.put(before.columns().get(i), target == null ? ImportMapping.IGNORE : target);
        }
        ImportOptions options = new ImportOptions(mapping, params.getFirst("mode"), params.getFirst("duplicates"));
        try {
            ImportView after = "run".equals(params.getFirst("action"))
                    ? imports.run(me.tenantId(), id, options, new Author(me.userId(), me.fullName()))
                    : imports.preview(me.tenantId(), id, options);
            return importView(me, after, model);
        } catch (InvalidInputException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            return importView(me, before, model);
        }
    }

    private String importView(CurrentUser me, ImportView v, Model model) {
        model.addAttribute("imp", v);
        List<String> targets = new ArrayList<>();
        targets.add(ImportMapping.IGNORE);
        targets.addAll(List.of("kind", "name", "holding", "industry", "lastName", "firstName", "middleName", "position",
                "organization", "status", "region", "city", "address", "website", "phone", "email", "note"));
        List<CustomFieldView> defs = fields.list(me.tenantId());
        defs.forEach(f -> targets.add(ImportMapping.CUSTOM + f.key()));
        model.addAttribute("targets", targets);
        model.addAttribute("labels", defs.stream().collect(java.util.stream.Collectors.toMap(
                f -> ImportMapping.CUSTOM + f.key(), CustomFieldView::label)));
        return "customers/import";
    }

    private static String text(Map<String, String> form, String field) {
        String v = form.get(field);
        return v == null ? null : v; // "" clears the field on an edit, like the API
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String duration(long ms) {
        long s = ms / 1000;
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
