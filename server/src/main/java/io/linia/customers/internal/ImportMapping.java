package io.linia.customers.internal;

import io.linia.platform.TextInput;
import io.linia.customers.CustomFieldView;
import io.linia.customers.CustomerDraft;
import io.linia.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CSV column fills which card field (CRM-5), and a record turned into a {@link CustomerDraft}
 * that then goes through the same {@link CardRules} as the API. Pure.
 *
 * <p>Targets: {@code kind}, {@code name}, {@code holding}, {@code industry}, {@code lastName},
 * {@code firstName}, {@code middleName}, {@code position}, {@code organization} (a person's
 * organization by its name), {@code status}, {@code region}, {@code city}, {@code address},
 * {@code website}, {@code phone} and {@code email} (any number of columns, each cell a list
 * separated by {@code ;}, {@code ,} or {@code |}), {@code note} (any number of columns),
 * {@code custom.<key>} (a custom field) and {@code ignore}. Without a kind column a row with a
 * name and no last or first name is an organization, any other a person.
 */
public final class ImportMapping {

    public static final String IGNORE = "ignore";
    public static final String CUSTOM = "custom.";
    public static final Set<String> SINGLE = Set.of("kind", "name", "holding", "industry", "lastName", "firstName",
            "middleName", "position", "organization", "status", "region", "city", "address", "website");
    public static final Set<String> MULTI = Set.of("phone", "email", "note");
    private static final Pattern LIST = Pattern.compile("[;,|\\n]");

    /** Header words (lower-case, without spaces, dots, dashes or underscores) that suggest a target. */
    private static final Map<String, String> SYNONYMS = new HashMap<>();

    static {
        synonyms("kind", "kind", "type", "тип", "вид");
        synonyms("name", "name", "название", "наименование", "organizationname", "названиеорганизации");
        synonyms("holding", "holding", "холдинг");
        synonyms("industry", "industry", "отрасль");
        synonyms("lastName", "lastname", "surname", "familyname", "фамилия");
        synonyms("firstName", "firstname", "givenname", "имя");
        synonyms("middleName", "middlename", "patronymic", "отчество");
        synonyms("position", "position", "jobtitle", "title", "должность");
        synonyms("organization", "organization", "organisation", "company", "организация", "компания");
        synonyms("status", "status", "статус");
        synonyms("region", "region", "регион", "область");
        synonyms("city", "city", "town", "город");
        synonyms("address", "address", "адрес");
        synonyms("website", "website", "site", "url", "web", "сайт");
        synonyms("phone", "phone", "phones", "telephone", "tel", "mobile", "телефон", "телефоны", "мобильный",
                "рабочийтелефон", "мобильныйтелефон");
        synonyms("email", "email", "emails", "mail", "почта", "электроннаяпочта");
        synonyms("note", "note", "notes", "comment", "comments", "примечание", "заметка", "заметки", "комментарий");
    }

    private static void synonyms(String target, String... words) {
        for (String w : words) {
            SYNONYMS.put(w, target);
        }
    }

    private final List<String> targets; // by column index
    private final Map<String, CustomFieldView> custom;

    private ImportMapping(List<String> targets, Map<String, CustomFieldView> custom) {
        this.targets = targets;
        this.custom = custom;
    }

    /** What each column would be without a mapping given: by the target's name, a synonym, or a custom field's key or label. */
    public static Map<String, String> suggest(List<String> columns, List<CustomFieldView> defs) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        for (String column : columns) {
            String target = guess(column, defs);
            if (target != null && SINGLE.contains(target) || target != null && target.startsWith(CUSTOM)) {
                if (!taken.add(target)) {
                    target = null;
                }
            }
            out.put(column, target == null ? IGNORE : target);
        }
        return out;
    }

    private static String guess(String column, List<CustomFieldView> defs) {
        String c = column.strip();
        if (c.startsWith(CUSTOM)) {
            String key = c.substring(CUSTOM.length());
            return defs.stream().anyMatch(f -> f.key().equals(key)) ? c : null;
        }
        for (CustomFieldView f : defs) {
            if (f.key().equalsIgnoreCase(c) || f.label().equalsIgnoreCase(c)) {
                return CUSTOM + f.key();
            }
        }
        String word = c.toLowerCase(Locale.ROOT).replaceAll("[\\s._\\-]+", "").replaceAll("\\d+$", "");
        return SYNONYMS.get(word);
    }

    /** Checks a mapping (column → target) against the file's columns and the tenant's fields. */
    public static ImportMapping of(List<String> columns, Map<String, String> mapping, List<CustomFieldView> defs) {
        Map<String, CustomFieldView> custom = new HashMap<>();
        defs.forEach(f -> custom.put(f.key(), f));
        for (String column : mapping.keySet()) {
            if (!columns.contains(column)) {
                throw new InvalidInputException("unknown_column", "mapping." + column, "The file has no column '" + column + "'");
            }
        }
        List<String> targets = new ArrayList<>();
        Set<String> used = new java.util.HashSet<>();
        for (String column : columns) {
            String target = mapping.getOrDefault(column, IGNORE);
            target = target == null || target.isBlank() ? IGNORE : target.strip();
            String field = "mapping." + column;
            if (target.startsWith(CUSTOM)) {
                if (!custom.containsKey(target.substring(CUSTOM.length()))) {
                    throw new InvalidInputException("unknown_field", field, "The tenant has no custom field '"
                            + target.substring(CUSTOM.length()) + "'");
                }
            } else if (!SINGLE.contains(target) && !MULTI.contains(target) && !target.equals(IGNORE)) {
                throw new InvalidInputException("unknown_field", field, "'" + target + "' is no card field");
            }
            if ((SINGLE.contains(target) || target.startsWith(CUSTOM)) && !used.add(target)) {
                throw new InvalidInputException("duplicate_mapping", field, "Two columns fill '" + target + "'");
            }
            targets.add(target);
        }
        if (targets.stream().allMatch(IGNORE::equals)) {
            throw new InvalidInputException("required", "mapping", "Map at least one column to a card field");
        }
        return new ImportMapping(List.copyOf(targets), custom);
    }

    public List<String> targets() {
        return targets;
    }

    /**
     * A record as a draft: where each phone and e-mail came from ({@code phoneColumns},
     * {@code emailColumns}: column index per list entry), so an error can name the column,
     * and the organization's name for a person.
     */
    public record Parsed(CustomerDraft draft, String organization, List<Integer> phoneColumns,
                         List<Integer> emailColumns) {
    }

    /** The draft of one record; a custom value that is not of its field's type is a 422 naming {@code customFields.<key>}. */
    public Parsed parse(List<String> cells) {
        Map<String, String> single = new HashMap<>();
        List<CustomerDraft.PhoneInput> phones = new ArrayList<>();
        List<Integer> phoneColumns = new ArrayList<>();
        List<CustomerDraft.EmailInput> emails = new ArrayList<>();
        List<Integer> emailColumns = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> customs = new LinkedHashMap<>();
        for (int i = 0; i < targets.size() && i < cells.size(); i++) {
            String target = targets.get(i);
            String cell = plain(cells.get(i));
            if (target.equals(IGNORE) || cell == null || cell.isBlank()) {
                continue;
            }
            switch (target) {
                case "phone" -> {
                    for (String p : LIST.split(cell)) {
                        if (!p.isBlank()) {
                            phones.add(new CustomerDraft.PhoneInput(p.strip(), null));
                            phoneColumns.add(i);
                        }
                    }
                }
                case "email" -> {
                    for (String e : LIST.split(cell)) {
                        if (!e.isBlank()) {
                            emails.add(new CustomerDraft.EmailInput(e.strip(), null));
                            emailColumns.add(i);
                        }
                    }
                }
                case "note" -> notes.add(cell);
                default -> {
                    if (target.startsWith(CUSTOM)) {
                        CustomFieldView f = custom.get(target.substring(CUSTOM.length()));
                        customs.put(f.key(), typed(f, cell.strip()));
                    } else {
                        single.put(target, cell);
                    }
                }
            }
        }
        String kind = single.get("kind");
        if (kind == null) {
            kind = single.containsKey("name") && !single.containsKey("lastName") && !single.containsKey("firstName")
                    ? "ORGANIZATION" : "PERSON";
        } else {
            kind = kind(kind);
        }
        CustomerDraft draft = new CustomerDraft(kind, single.get("name"), single.get("holding"), single.get("industry"),
                single.get("lastName"), single.get("firstName"), single.get("middleName"), single.get("position"), null,
                single.get("status"), single.get("region"), single.get("city"), single.get("address"),
                single.get("website"), phones, emails, notes, customs, null);
        String organization = single.get("organization");
        return new Parsed(draft, organization == null ? null : TextInput.line("organization", organization, 300),
                phoneColumns, emailColumns);
    }

    /** A cell as it was before an export neutralized it ({@code '+7…} → {@code +7…}): see CustomerExports. */
    static String plain(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    private static String kind(String cell) {
        return switch (cell.strip().toLowerCase(Locale.ROOT)) {
            case "person", "физлицо", "физ. лицо", "физическое лицо", "человек", "персона", "контакт" -> "PERSON";
            case "organization", "organisation", "org", "company", "организация", "компания", "юрлицо", "юр. лицо",
                 "юридическое лицо" -> "ORGANIZATION";
            default -> cell; // CardRules names the field
        };
    }

    /** A cell (or a form's text input) as the JSON value the API would take for this field's type. */
    public static Object typed(CustomFieldView f, String cell) {
        String name = "customFields." + f.key();
        return switch (f.type()) {
            case TEXT, CHOICE -> cell;
            case NUMBER -> {
                try {
                    yield new BigDecimal(cell.replace(" ", "").replace('\u00a0', ' ').replace(" ", "").replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("wrong_type", name, "'" + cell + "' is not a number");
                }
            }
            case DATE -> {
                try {
                    yield cell.contains(".") ? LocalDate.parse(cell, DateTimeFormatter.ofPattern("dd.MM.uuuu")).toString()
                            : LocalDate.parse(cell).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("format", name, "A date is written yyyy-MM-dd or dd.MM.yyyy");
                }
            }
            case BOOLEAN -> switch (cell.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "да", "д", "истина" -> Boolean.TRUE;
                case "false", "no", "n", "0", "нет", "н", "ложь" -> Boolean.FALSE;
                default -> throw new InvalidInputException("wrong_type", name, "'" + cell + "' is not yes or no");
            };
        };
    }
}
