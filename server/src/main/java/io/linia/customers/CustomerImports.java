package io.linia.customers;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.internal.Card;
import io.linia.customers.internal.CardFields;
import io.linia.customers.internal.CardRules;
import io.linia.customers.internal.CsvFiles;
import io.linia.customers.internal.CustomFieldRepository;
import io.linia.customers.internal.CustomerBulkWriter;
import io.linia.customers.internal.CustomerRepository;
import io.linia.customers.internal.ImportMapping;
import io.linia.customers.internal.ImportRepository;
import io.linia.platform.InvalidInputException;
import io.linia.platform.LiniaException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV import of customer cards (CRM-5): upload a file, preview it with a mapping, import it.
 *
 * <p>Every record goes through the card rules of the API ({@link CardRules}, the custom fields'
 * types and required fields), then the duplicate check: a record whose phone or e-mail is on an
 * existing card, or on an earlier record of the file, is a duplicate, handled as
 * {@link ImportOptions.Duplicates} says. A person's {@code organization} names an organization
 * card of the tenant or one created by the same file. An import is one transaction: in
 * {@code ALL_OR_NOTHING} mode a single bad record writes nothing; in {@code VALID_ROWS} mode the
 * good ones are written; an unexpected error rolls everything back. New cards go in by binary
 * COPY ({@link CustomerBulkWriter}); updated cards one by one, each audited as
 * {@code customer.update}; the run itself is audited as {@code customer.import} with its counts.
 * One import of a tenant runs at a time (a transaction-scoped advisory lock), so two imports
 * cannot both create the same customer.
 */
@Service
public class CustomerImports {

    public static final int REPORT_LIMIT = 1000;
    /** Records of one file: ten times the 100,000 the benchmark imports. */
    public static final int MAX_ROWS = 1_000_000;
    private static final int SAMPLE = 5;

    private final ImportRepository imports;
    private final CustomerRepository cards;
    private final CustomerBulkWriter writer;
    private final CustomFieldRepository fieldDefs;
    private final CardFields fields;
    private final CustomerSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final long maxBytes;

    CustomerImports(ImportRepository imports, CustomerRepository cards, CustomerBulkWriter writer,
                    CustomFieldRepository fieldDefs, CardFields fields, CustomerSettings settings, AuditLog audit,
                    Clock clock, PlatformTransactionManager transactions, ObjectMapper json,
                    @Value("${linia.customers.import.max-bytes:52428800}") long maxBytes) {
        this.imports = imports;
        this.cards = cards;
        this.writer = writer;
        this.fieldDefs = fieldDefs;
        this.fields = fields;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /** The largest file taken, in bytes ({@code linia.customers.import.max-bytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Keeps an uploaded file for preview and import: its encoding ({@code auto}, {@code UTF-8},
     * {@code windows-1251}) and separator ({@code auto}, {@code ;}, {@code ,}) are settled here,
     * and the file must have a header line. 413 over the size limit, 422 for a wrong encoding.
     */
    public ImportView upload(TenantId tenant, UUID userId, String fileName, byte[] content, String encoding,
                             String separator) {
        if (content.length > maxBytes) {
            throw new ImportTooLargeException(maxBytes);
        }
        if (content.length == 0) {
            throw new InvalidInputException("empty", "file", "The file is empty");
        }
        CsvFiles.Table head = CsvFiles.read(content, encoding, separator, SAMPLE);
        UUID id = UUID.randomUUID();
        String name = fileName == null || fileName.isBlank() ? "customers.csv" : TextInput.line("fileName", fileName, 255);
        tx.executeWithoutResult(s -> imports.insert(tenant, id, name, content, head.encoding(), head.separator(), userId,
                clock.instant()));
        return get(tenant, id);
    }

    /** The import with its columns, the mapping (suggested or last used), a sample and the report so far. */
    public ImportView get(TenantId tenant, UUID id) {
        ImportRepository.Stored s = imports.find(tenant, id).orElseThrow(() -> new NotFoundException("import", id));
        byte[] content = imports.content(tenant, id);
        CsvFiles.Table head = CsvFiles.read(content, s.encoding(), s.separator(), SAMPLE);
        Map<String, String> mapping = null;
        if (s.options() != null) {
            ImportOptions last = json.readValue(s.options(), ImportOptions.class);
            mapping = last.mapping();
        }
        if (mapping == null) {
            mapping = ImportMapping.suggest(head.columns(), fieldDefs.list(tenant));
        }
        List<ImportView.ReportLine> report = imports.report(tenant, id, REPORT_LIMIT).stream()
                .map(r -> new ImportView.ReportLine(r.line(), r.column(), r.field(), r.code(), r.reason(), r.skipped()))
                .toList();
        return new ImportView(id, s.fileName(), s.size(), s.encoding(), s.separator(), s.status(), head.columns(), mapping,
                head.rows().stream().map(CsvFiles.Row::cells).toList(), s.rows(), s.created(), s.updated(), s.skipped(),
                s.rejected(), report, s.createdAt(), s.finishedAt());
    }

    /** Checks every record with {@code options} and stores the report; writes no card. */
    public ImportView preview(TenantId tenant, UUID id, ImportOptions options) {
        return process(tenant, id, options, null, false);
    }

    /** Imports the file with {@code options} (see the class comment); the report tells what happened to each bad record. */
    public ImportView run(TenantId tenant, UUID id, ImportOptions options, Author author) {
        return process(tenant, id, options, author, true);
    }

    /** The whole report as CSV (UTF-8 with a BOM, {@code ;}): line, column, field, code, reason, skipped. */
    public void writeReport(TenantId tenant, UUID id, OutputStream out) throws IOException {
        imports.find(tenant, id).orElseThrow(() -> new NotFoundException("import", id));
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
            p.printRecord("line", "column", "field", "code", "reason", "skipped");
            for (ImportRepository.Rejection r : imports.report(tenant, id, Integer.MAX_VALUE)) {
                p.printRecord(r.line(), CustomerExports.neutralize(r.column()), r.field(), r.code(),
                        CustomerExports.neutralize(r.reason()), r.skipped());
            }
        }
    }

    /** A record that passed the rules: what to store, or which card it updates. */
    private static final class Candidate {
        final int line;
        final ImportMapping.Parsed parsed;
        Card card;
        final Map<UUID, String> values;
        final List<String> notes;
        UUID id = UUID.randomUUID();
        UUID existing;

        Candidate(int line, ImportMapping.Parsed parsed, Card card, Map<UUID, String> values, List<String> notes) {
            this.line = line;
            this.parsed = parsed;
            this.card = card;
            this.values = values;
            this.notes = notes;
        }
    }

    private ImportView process(TenantId tenant, UUID id, ImportOptions given, Author author, boolean write) {
        imports.find(tenant, id).orElseThrow(() -> new NotFoundException("import", id));
        ImportOptions.Mode mode = parse(ImportOptions.Mode.class, given == null ? null : given.mode(), "mode",
                ImportOptions.Mode.ALL_OR_NOTHING);
        ImportOptions.Duplicates policy = parse(ImportOptions.Duplicates.class, given == null ? null : given.duplicates(),
                "duplicates", ImportOptions.Duplicates.SKIP);
        try {
            tx.executeWithoutResult(s -> {
                ImportRepository.Stored stored = imports.find(tenant, id).orElseThrow();
                byte[] content = imports.contentForUpdate(tenant, id);
                CsvFiles.Table table = CsvFiles.read(content, stored.encoding(), stored.separator(), MAX_ROWS + 1);
                if (table.rows().size() > MAX_ROWS) {
                    throw new InvalidInputException("too_many", "file", "At most " + MAX_ROWS + " records per file");
                }
                List<CustomFieldView> defs = fieldDefs.list(tenant);
                Map<String, String> mapping = given == null || given.mapping() == null
                        ? ImportMapping.suggest(table.columns(), defs) : given.mapping();
                ImportMapping m = ImportMapping.of(table.columns(), mapping, defs);
                if (write) {
                    cards.lockNumbers(tenant, List.of("customer-import"));
                }
                Outcome o = check(tenant, table, m, defs, policy);
                int errors = (int) o.report.stream().filter(r -> !r.skipped()).count();
                int skipped = o.report.size() - errors;
                String status;
                int created = 0;
                int updated = 0;
                Instant now = clock.instant();
                if (!write) {
                    status = "PREVIEWED";
                    created = (int) o.ok.stream().filter(c -> c.existing == null).count();
                    updated = o.ok.size() - created;
                } else if (errors > 0 && mode == ImportOptions.Mode.ALL_OR_NOTHING) {
                    status = "REJECTED";
                } else {
                    status = "IMPORTED";
                    created = store(tenant, o.ok, defs, author, now);
                    updated = o.ok.size() - created;
                }
                String options = json.writeValueAsString(new ImportOptions(mapping, mode.name(), policy.name()));
                imports.finish(tenant, id, status, options, table.rows().size(), created, updated, skipped, errors,
                        o.report, now);
                if (write) {
                    Map<String, Object> counts = new LinkedHashMap<>();
                    counts.put("status", status);
                    counts.put("mode", mode.name());
                    counts.put("duplicates", policy.name());
                    counts.put("rows", table.rows().size());
                    counts.put("created", created);
                    counts.put("updated", updated);
                    counts.put("skipped", skipped);
                    counts.put("rejected", errors);
                    audit.record(AuditEvent.change(tenant, "customer.import", "customer_import", id, null, counts));
                }
            });
        } catch (LiniaException e) {
            throw e;
        } catch (RuntimeException e) {
            tx.executeWithoutResult(s -> imports.finish(tenant, id, "FAILED", null, 0, 0, 0, 0, 0,
                    List.of(new ImportRepository.Rejection(0, null, null, "failed", "The import failed and wrote nothing: "
                            + e.getClass().getSimpleName(), false)), clock.instant()));
            throw e;
        }
        return get(tenant, id);
    }

    private record Outcome(List<Candidate> ok, List<ImportRepository.Rejection> report) {
    }

    private Outcome check(TenantId tenant, CsvFiles.Table table, ImportMapping m, List<CustomFieldView> defs,
                          ImportOptions.Duplicates policy) {
        String region = settings.defaultRegion(tenant);
        List<String> columns = table.columns();
        List<ImportRepository.Rejection> report = new ArrayList<>();
        List<Candidate> ok = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvFiles.Row row : table.rows()) {
            if (row.cells().stream().allMatch(String::isBlank)) {
                continue; // a spreadsheet's empty line: ";;;;"
            }
            if (row.cells().size() != columns.size()) {
                report.add(new ImportRepository.Rejection(row.line(), null, null, "column_count", "The record has "
                        + row.cells().size() + " cells, the header " + columns.size(), false));
                continue;
            }
            ImportMapping.Parsed parsed = null;
            try {
                parsed = m.parse(row.cells());
                Card card = CardRules.apply(null, parsed.draft(), region);
                Map<UUID, String> values = fields.changes(defs, parsed.draft().customFields(), Set.of());
                List<String> notes = new ArrayList<>();
                for (int i = 0; i < parsed.draft().notes().size(); i++) {
                    notes.add(TextInput.lines("notes[" + i + "]", parsed.draft().notes().get(i), 4000));
                }
                if (card.kind() == CustomerKind.ORGANIZATION && parsed.organization() != null) {
                    throw new InvalidInputException("not_for_kind", "organization", "An organization card has no organization");
                }
                String key = firstSeen(card, seen);
                if (key != null) {
                    report.add(new ImportRepository.Rejection(row.line(), column(m, columns, parsed, key.startsWith("+")
                            ? "phone" : "email"), key.startsWith("+") ? "phones" : "emails", "duplicate_in_file",
                            key + " is on line " + seen.get(key) + " already", policy != ImportOptions.Duplicates.REJECT));
                    continue;
                }
                card.phones().forEach(p -> seen.put(p.e164(), row.line()));
                card.emails().forEach(e -> seen.put(e.address(), row.line()));
                ok.add(new Candidate(row.line(), parsed, card, values, notes));
            } catch (InvalidInputException e) {
                report.add(new ImportRepository.Rejection(row.line(), column(m, columns, parsed, e.field()), e.field(),
                        e.code(), e.getMessage(), false));
            }
        }
        List<Candidate> kept = againstStored(tenant, ok, policy, report, m, columns, defs, region);
        kept = organizations(tenant, kept, report, m, columns);
        report.sort(Comparator.comparingInt(ImportRepository.Rejection::line));
        return new Outcome(kept, report);
    }

    private static String firstSeen(Card card, Map<String, Integer> seen) {
        for (Card.Phone p : card.phones()) {
            if (seen.containsKey(p.e164())) {
                return p.e164();
            }
        }
        for (Card.Email e : card.emails()) {
            if (seen.containsKey(e.address())) {
                return e.address();
            }
        }
        return null;
    }

    /** Duplicates of stored cards by phone or e-mail, handled by {@code policy}. */
    private List<Candidate> againstStored(TenantId tenant, List<Candidate> ok, ImportOptions.Duplicates policy,
                                          List<ImportRepository.Rejection> report, ImportMapping m, List<String> columns,
                                          List<CustomFieldView> defs, String region) {
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        ok.forEach(c -> {
            c.card.phones().forEach(p -> phones.add(p.e164()));
            c.card.emails().forEach(e -> emails.add(e.address()));
        });
        Map<String, Set<UUID>> byPhone = cards.idsByPhones(tenant, phones);
        Map<String, Set<UUID>> byEmail = cards.idsByEmails(tenant, emails);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : ok) {
            Set<UUID> matches = new java.util.LinkedHashSet<>();
            String key = null;
            for (Card.Phone p : c.card.phones()) {
                if (byPhone.containsKey(p.e164())) {
                    matches.addAll(byPhone.get(p.e164()));
                    key = key == null ? p.e164() : key;
                }
            }
            for (Card.Email e : c.card.emails()) {
                if (byEmail.containsKey(e.address())) {
                    matches.addAll(byEmail.get(e.address()));
                    key = key == null ? e.address() : key;
                }
            }
            if (matches.isEmpty()) {
                kept.add(c);
                continue;
            }
            String target = key.startsWith("+") ? "phone" : "email";
            String col = column(m, columns, c.parsed, target);
            String field = key.startsWith("+") ? "phones" : "emails";
            switch (policy) {
                case SKIP -> report.add(new ImportRepository.Rejection(c.line, col, field, "duplicate",
                        key + " is on card " + matches.iterator().next() + " already", true));
                case REJECT -> report.add(new ImportRepository.Rejection(c.line, col, field, "duplicate",
                        key + " is on card " + matches.iterator().next() + " already", false));
                case UPDATE -> {
                    if (matches.size() > 1) {
                        report.add(new ImportRepository.Rejection(c.line, col, field, "ambiguous_duplicate",
                                key + " is on " + matches.size() + " cards; update them by hand", false));
                        continue;
                    }
                    try {
                        c.existing = matches.iterator().next();
                        prepareUpdate(tenant, c, defs, region);
                        kept.add(c);
                    } catch (InvalidInputException e) {
                        report.add(new ImportRepository.Rejection(c.line, column(m, columns, c.parsed, e.field()), e.field(),
                                e.code(), e.getMessage(), false));
                    }
                }
            }
        }
        return kept;
    }

    /** The card an update makes: the row's values over the stored card, its phones and e-mails added to the card's own. */
    private void prepareUpdate(TenantId tenant, Candidate c, List<CustomFieldView> defs, String region) {
        CustomerView before = cards.find(tenant, c.existing).orElseThrow();
        CustomerDraft d = c.parsed.draft();
        if (!before.kind().name().equals(d.kind())) {
            throw new InvalidInputException("immutable", "kind", "The existing card " + c.existing + " is of kind "
                    + before.kind());
        }
        List<CustomerDraft.PhoneInput> phones = new ArrayList<>();
        Set<String> have = new HashSet<>();
        before.phones().forEach(p -> {
            phones.add(new CustomerDraft.PhoneInput(p.raw(), p.label()));
            have.add(p.number() + ";" + p.extension());
        });
        c.card.phones().stream().filter(p -> !have.contains(p.e164() + ";" + p.extension()))
                .forEach(p -> phones.add(new CustomerDraft.PhoneInput(p.raw(), p.label())));
        List<CustomerDraft.EmailInput> emails = new ArrayList<>();
        before.emails().forEach(e -> emails.add(new CustomerDraft.EmailInput(e.address(), e.label())));
        c.card.emails().stream().filter(e -> before.emails().stream().noneMatch(b -> b.address().equals(e.address())))
                .forEach(e -> emails.add(new CustomerDraft.EmailInput(e.address(), e.label())));
        CustomerDraft merged = new CustomerDraft(null, d.name(), d.holding(), d.industry(), d.lastName(), d.firstName(),
                d.middleName(), d.position(), null, d.status(), d.region(), d.city(), d.address(), d.website(), phones,
                emails, d.notes(), d.customFields(), null);
        c.card = CardRules.apply(before, merged, region);
        c.values.clear();
        c.values.putAll(fields.changes(defs, d.customFields(), fields.present(tenant, c.existing)));
    }

    /** Links people to their organization by name: a card of the tenant, or one this file creates. */
    private List<Candidate> organizations(TenantId tenant, List<Candidate> ok, List<ImportRepository.Rejection> report,
                                          ImportMapping m, List<String> columns) {
        Map<String, UUID> inFile = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        for (Candidate c : ok) {
            if (c.card.kind() == CustomerKind.ORGANIZATION && c.existing == null) {
                inFile.putIfAbsent(c.card.displayName().toLowerCase(Locale.ROOT), c.id);
            }
            if (c.parsed.organization() != null) {
                wanted.add(c.parsed.organization().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, UUID> stored = cards.organizationsByName(tenant, wanted);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : ok) {
            String org = c.parsed.organization();
            if (org != null) {
                String k = org.toLowerCase(Locale.ROOT);
                UUID orgId = stored.containsKey(k) ? stored.get(k) : inFile.get(k);
                if (orgId == null) {
                    report.add(new ImportRepository.Rejection(c.line, column(m, columns, c.parsed, "organization"),
                            "organization", "unknown_organization", "No organization card named '" + org + "'", false));
                    continue;
                }
                Card x = c.card;
                c.card = new Card(x.kind(), x.displayName(), x.name(), x.holding(), x.industry(), x.lastName(),
                        x.firstName(), x.middleName(), x.position(), orgId, x.status(), x.region(), x.city(), x.address(),
                        x.website(), x.phones(), x.emails());
            }
            kept.add(c);
        }
        return kept;
    }

    /** Writes the new cards by COPY and the updates one by one; returns the number of new cards. */
    private int store(TenantId tenant, List<Candidate> ok, List<CustomFieldView> defs, Author author, Instant now) {
        Map<UUID, CustomFieldView> byId = new HashMap<>();
        defs.forEach(f -> byId.put(f.id(), f));
        List<CustomerBulkWriter.NewCard> fresh = new ArrayList<>();
        for (Candidate c : ok) {
            if (c.existing != null) {
                continue;
            }
            Map<UUID, String> plain = new HashMap<>();
            Map<UUID, byte[]> secret = new HashMap<>();
            for (Map.Entry<UUID, String> v : c.values.entrySet()) {
                if (v.getValue() == null) {
                    continue;
                }
                CustomFieldView f = byId.get(v.getKey());
                if (f.confidential()) {
                    byte[] sealed = fields.seal(tenant, c.id, f.id(), v.getValue());
                    if (sealed == null) {
                        throw new InvalidInputException("confidential_storage_disabled", "customFields." + f.key(),
                                "This tenant stores no confidential data (SEC-6); unmap the column of '" + f.label() + "'");
                    }
                    secret.put(f.id(), sealed);
                } else {
                    plain.put(f.id(), v.getValue());
                }
            }
            fresh.add(new CustomerBulkWriter.NewCard(c.id, c.card, plain, secret, c.notes));
        }
        writer.insert(tenant, fresh, author.userId(), author.name(), now);
        for (Candidate c : ok) {
            if (c.existing == null) {
                continue;
            }
            CustomerView before = cards.find(tenant, c.existing).orElseThrow();
            cards.update(tenant, c.existing, c.card, before.version(), now);
            fields.store(tenant, c.existing, defs, c.values);
            c.notes.forEach(text -> cards.addNote(tenant, UUID.randomUUID(), c.existing, text, author.userId(),
                    author.name(), now));
            audit.record(AuditEvent.change(tenant, "customer.update", "customer", c.existing, before,
                    cards.find(tenant, c.existing).orElseThrow()));
        }
        return fresh.size();
    }

    /** The CSV column a card field's error comes from ({@code phones[2].number} → the column of the third phone). */
    private static String column(ImportMapping m, List<String> columns, ImportMapping.Parsed parsed, String field) {
        if (field == null) {
            return null;
        }
        String target = field;
        int index = -1;
        java.util.regex.Matcher list = java.util.regex.Pattern.compile("^(phones|emails)\\[(\\d+)]").matcher(field);
        if (list.find()) {
            target = list.group(1).equals("phones") ? "phone" : "email";
            index = Integer.parseInt(list.group(2));
        } else if (field.equals("phones") || field.equals("emails")) {
            target = field.substring(0, field.length() - 1);
        } else if (field.startsWith("customFields.")) {
            target = ImportMapping.CUSTOM + field.substring("customFields.".length());
        } else if (field.startsWith("notes[")) {
            target = "note";
        }
        if (index >= 0 && parsed != null) {
            List<Integer> cols = target.equals("phone") ? parsed.phoneColumns() : parsed.emailColumns();
            if (index < cols.size()) {
                return columns.get(cols.get(index));
            }
        }
        int i = m.targets().indexOf(target);
        return i < 0 ? null : columns.get(i);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown_" + field, field, "'" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
