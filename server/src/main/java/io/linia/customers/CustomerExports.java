package io.linia.customers;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.internal.CardFields;
import io.linia.customers.internal.CsvFiles;
import io.linia.customers.internal.CustomFieldRepository;
import io.linia.customers.internal.CustomValues;
import io.linia.customers.internal.CustomerRepository;
import io.linia.customers.internal.CustomerSearch;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CSV export of the cards a list query finds (CRM-5), written page by page to the response so a
 * tenant of a million cards never sits in memory. The columns are the import's field names, so
 * an export imports again as it is: {@code kind}, the names, {@code organization} (a person's
 * organization by name), {@code status} …, {@code phone} and {@code email} (lists joined by
 * {@code ; }), then {@code custom.<key>} per custom field. Confidential fields are left out
 * unless {@code reveal} is asked for, which is audited with the fields revealed; every export is
 * audited as {@code customer.export}. Cells that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, a tab or a carriage return) get a leading {@code '}.
 */
@Service
public class CustomerExports {

    private static final int PAGE = CustomerSearch.MAX_LIMIT;
    static final List<String> COLUMNS = List.of("kind", "name", "holding", "industry", "lastName", "firstName",
            "middleName", "position", "organization", "status", "region", "city", "address", "website", "phone", "email");

    private final CustomerRepository cards;
    private final CustomFieldRepository fieldDefs;
    private final CardFields fields;
    private final CustomerSettings settings;
    private final AuditLog audit;

    CustomerExports(CustomerRepository cards, CustomFieldRepository fieldDefs, CardFields fields,
                    CustomerSettings settings, AuditLog audit) {
        this.cards = cards;
        this.fieldDefs = fieldDefs;
        this.fields = fields;
        this.settings = settings;
        this.audit = audit;
    }

    /** An export's settled options, checked before the response starts. */
    public record Format(Charset charset, char separator, boolean bom) {
    }

    /** {@code encoding}: {@code UTF-8} (default, with a BOM so Excel reads it) or {@code windows-1251}; separator {@code ;} (default) or {@code ,}. */
    public Format format(String encoding, String separator) {
        String e = encoding == null ? "utf-8" : encoding.strip().toLowerCase(Locale.ROOT);
        Charset charset = switch (e) {
            case "", "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1251", "cp1251", "win1251" -> CsvFiles.WINDOWS_1251;
            default -> throw new InvalidInputException("unknown_encoding", "encoding",
                    "Encoding is UTF-8 or windows-1251, not '" + encoding + "'");
        };
        String s = separator == null ? ";" : separator.strip();
        char sep = switch (s) {
            case "", ";", "semicolon" -> ';';
            case ",", "comma" -> ',';
            default -> throw new InvalidInputException("unknown_separator", "separator",
                    "The separator is ';' or ',', not '" + separator + "'");
        };
        return new Format(charset, sep, charset == StandardCharsets.UTF_8);
    }

    /** Audits the export before it is written (who exported what, and which confidential fields were revealed). */
    @Transactional
    public void audit(TenantId tenant, String q, boolean reveal) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("q", q);
        what.put("revealed", reveal ? fieldDefs.list(tenant).stream().filter(CustomFieldView::confidential)
                .map(CustomFieldView::key).toList() : List.of());
        audit.record(AuditEvent.change(tenant, "customer.export", "customer", null, null, what));
        if (reveal) {
            audit.record(AuditEvent.change(tenant, "customer.confidential_read", "customer", null, null, what));
        }
    }

    /**
     * Writes the cards of {@code q} (as the list takes it) to {@code out}. A character the
     * chosen encoding cannot hold (Windows-1251 has no emoji) is written as {@code ?}.
     */
    public void write(TenantId tenant, String q, Format format, boolean reveal, OutputStream out) throws IOException {
        List<CustomFieldView> defs = fieldDefs.list(tenant).stream().filter(f -> reveal || !f.confidential()).toList();
        String region = settings.defaultRegion(tenant);
        if (format.bom()) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        CharsetEncoder encoder = format.charset().newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE)
                .onMalformedInput(CodingErrorAction.REPLACE);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, encoder), 1 << 16);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(format.separator()).get());
        List<String> header = new ArrayList<>(COLUMNS);
        defs.forEach(f -> header.add("custom." + f.key()));
        p.printRecord(header);
        String after = null;
        do {
            List<UUID> ids = new ArrayList<>();
            CustomerPage page = CustomerSearch.run(q, PAGE, after, region,
                    (like, e164, email, afterName, afterId, n) -> cards.search(tenant, like, e164, email, afterName, afterId, n),
                    found -> {
                        ids.addAll(found);
                        return List.of();
                    });
            page(tenant, ids, defs, reveal, p);
            after = page.next();
        } while (after != null);
        p.flush();
    }

    private void page(TenantId tenant, List<UUID> ids, List<CustomFieldView> defs, boolean reveal, CSVPrinter p)
            throws IOException {
        List<CustomerView> rows = cards.findAll(tenant, ids);
        Set<UUID> orgIds = new HashSet<>();
        rows.forEach(c -> {
            if (c.organizationId() != null) {
                orgIds.add(c.organizationId());
            }
        });
        Map<UUID, String> orgs = cards.displayNames(tenant, orgIds);
        Map<UUID, Map<UUID, CustomFieldRepository.StoredValue>> values = fieldDefs.valuesOf(tenant, ids);
        List<String> cells = new ArrayList<>();
        for (CustomerView c : rows) {
            cells.clear();
            cells.add(c.kind().name());
            cells.add(c.name());
            cells.add(c.holding());
            cells.add(c.industry());
            cells.add(c.lastName());
            cells.add(c.firstName());
            cells.add(c.middleName());
            cells.add(c.position());
            cells.add(c.organizationId() == null ? null : orgs.get(c.organizationId()));
            cells.add(c.status());
            cells.add(c.region());
            cells.add(c.city());
            cells.add(c.address());
            cells.add(c.website());
            cells.add(c.phones().stream().map(ph -> ph.extension() == null ? ph.number() : ph.number() + " доб. " + ph.extension())
                    .collect(Collectors.joining("; ")));
            cells.add(c.emails().stream().map(CustomerView.Email::address).collect(Collectors.joining("; ")));
            Map<UUID, CustomFieldRepository.StoredValue> mine = values.getOrDefault(c.id(), Map.of());
            for (CustomFieldView f : defs) {
                CustomFieldRepository.StoredValue v = mine.get(f.id());
                String text = v == null ? null : v.secret() == null ? v.value()
                        : reveal ? fields.open(tenant, c.id(), f.id(), v.secret()) : null;
                cells.add(text == null ? null : cell(f, text));
            }
            for (int i = 0; i < cells.size(); i++) {
                cells.set(i, neutralize(cells.get(i)));
            }
            p.printRecord(cells);
        }
    }

    private static String cell(CustomFieldView f, String canonical) {
        return String.valueOf(CustomValues.typed(f.type(), canonical));
    }

    /**
     * A cell a spreadsheet will not run as a formula: one starting with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '} (OWASP's advice
     * for CSV injection). Phones are written as {@code +7…}, so they get it too; the import
     * takes a leading {@code '} off again before reading a number.
     */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
