package io.linia.customers;

import java.util.Map;

/**
 * How to import an uploaded file (CRM-5).
 *
 * @param mapping    CSV column → card field ({@code lastName}, {@code phone}, {@code custom.segment},
 *                   {@code ignore} …, see docs/customers.md); {@code null}: the suggested mapping
 * @param mode       {@code ALL_OR_NOTHING} (default: any bad row and nothing is written) or
 *                   {@code VALID_ROWS} (the good rows are imported, the bad ones reported)
 * @param duplicates a row whose phone or e-mail is already on a card: {@code SKIP} (default: left
 *                   out and listed in the report), {@code UPDATE} (the one card that has it gets
 *                   the row's values; phones and e-mails are added to its own) or {@code REJECT}
 *                   (a bad row). A row repeating a phone or e-mail of an earlier row of the file is
 *                   always left out (or, with REJECT, a bad row), naming that line.
 */
public record ImportOptions(Map<String, String> mapping, String mode, String duplicates) {

    public enum Mode { ALL_OR_NOTHING, VALID_ROWS }

    public enum Duplicates { SKIP, UPDATE, REJECT }
}
