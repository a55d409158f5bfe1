package io.linia.customers.internal;

import io.linia.platform.TenantId;
import io.linia.platform.db.CopyRows;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * New cards of an import (CRM-5) written in bulk, inside the caller's transaction: each table's
 * rows go by binary COPY into a temporary table, then into the real one with one INSERT …
 * SELECT (row-level security refuses COPY into the policed tables themselves; the INSERT is
 * checked by the policies). Organizations and the people linked to them go in one statement,
 * whose foreign-key checks run at its end.
 */
@Repository
public class CustomerBulkWriter {

    /** A new card: its content after {@link CardRules}, custom values (plain text or ciphertext) and notes. */
    public record NewCard(UUID id, Card card, Map<UUID, String> values, Map<UUID, byte[]> secrets, List<String> notes) {
    }

    private static final String CUSTOMER_COLUMNS = "tenant_id, id, kind, display_name, name, holding, industry, last_name,"
            + " first_name, middle_name, position, organization_id, status, region, city, address, website, created_at,"
            + " updated_at";
    private static final String PHONE_COLUMNS = "tenant_id, customer_id, position, e164, extension, raw, label";
    private static final String EMAIL_COLUMNS = "tenant_id, customer_id, position, address, label";
    private static final String NOTE_COLUMNS = "tenant_id, id, customer_id, text, author_id, author_name, created_at";
    private static final String VALUE_COLUMNS = "tenant_id, customer_id, field_id, value, secret";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    CustomerBulkWriter(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public void insert(TenantId tenant, List<NewCard> cards, UUID authorId, String authorName, Instant now) {
        if (cards.isEmpty()) {
            return;
        }
        CopyRows customers = new CopyRows();
        CopyRows phones = new CopyRows();
        CopyRows emails = new CopyRows();
        CopyRows notes = new CopyRows();
        CopyRows values = new CopyRows();
        UUID t = tenant.value();
        for (NewCard n : cards) {
            Card c = n.card();
            customers.row(19).uuid(t).uuid(n.id()).text(c.kind().name()).text(c.displayName()).text(c.name())
                    .text(c.holding()).text(c.industry()).text(c.lastName()).text(c.firstName()).text(c.middleName())
                    .text(c.position()).uuid(c.organizationId()).text(c.status()).text(c.region()).text(c.city())
                    .text(c.address()).text(c.website()).timestamp(now).timestamp(now);
            for (int i = 0; i < c.phones().size(); i++) {
                Card.Phone p = c.phones().get(i);
                phones.row(7).uuid(t).uuid(n.id()).int2(i).text(p.e164()).text(p.extension()).text(p.raw()).text(p.label());
            }
            for (int i = 0; i < c.emails().size(); i++) {
                Card.Email e = c.emails().get(i);
                emails.row(5).uuid(t).uuid(n.id()).int2(i).text(e.address()).text(e.label());
            }
            for (String text : n.notes()) {
                notes.row(7).uuid(t).uuid(UUID.randomUUID()).uuid(n.id()).text(text).uuid(authorId).text(authorName)
                        .timestamp(now);
            }
            n.values().forEach((field, v) -> values.row(5).uuid(t).uuid(n.id()).uuid(field).text(v).nul());
            n.secrets().forEach((field, s) -> values.row(5).uuid(t).uuid(n.id()).uuid(field).nul().bytes(s));
        }
        stage("customers", CUSTOMER_COLUMNS, customers);
        stage("customer_phones", PHONE_COLUMNS, phones);
        stage("customer_emails", EMAIL_COLUMNS, emails);
        stage("customer_notes", NOTE_COLUMNS, notes);
        stage("customer_field_values", VALUE_COLUMNS, values);
    }

    private void stage(String table, String columns, CopyRows rows) {
        if (rows.rows() == 0) {
            return;
        }
        String temp = "import_" + table;
        jdbc.sql("create temporary table if not exists " + temp + " on commit delete rows as select " + columns
                + " from " + table + " with no data").update();
        jdbc.sql("truncate " + temp).update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            rows.copy(connection, "copy " + temp + " (" + columns + ") from stdin (format binary)", null);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        jdbc.sql("insert into " + table + " (" + columns + ") select " + columns + " from " + temp).update();
    }
}
