package io.linia.customers.internal;

import io.linia.customers.CustomerKind;
import io.linia.customers.CustomerSummary;
import io.linia.customers.CustomerView;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cards' rows: customers with their phones, e-mails and notes (V40). Every query names its tenant. */
@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, UUID id, Card c, Instant now) {
        jdbc.sql("""
                insert into customers (tenant_id, id, kind, display_name, name, holding, industry, last_name, first_name,
                    middle_name, position, organization_id, status, region, city, address, website, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), id, c.kind().name(), c.displayName(), c.name(), c.holding(), c.industry(),
                        c.lastName(), c.firstName(), c.middleName(), c.position(), c.organizationId(), c.status(),
                        c.region(), c.city(), c.address(), c.website(), Timestamp.from(now), Timestamp.from(now))
                .update();
        replaceLists(tenant, id, c);
    }

    /** Stores the card if it still has {@code version}; false when someone changed it meanwhile. */
    public boolean update(TenantId tenant, UUID id, Card c, int version, Instant now) {
        int n = jdbc.sql("""
                update customers set display_name = ?, name = ?, holding = ?, industry = ?, last_name = ?, first_name = ?,
                    middle_name = ?, position = ?, organization_id = ?, status = ?, region = ?, city = ?, address = ?,
                    website = ?, updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ? and version = ?""")
                .params(c.displayName(), c.name(), c.holding(), c.industry(), c.lastName(), c.firstName(), c.middleName(),
                        c.position(), c.organizationId(), c.status(), c.region(), c.city(), c.address(), c.website(),
                        Timestamp.from(now), tenant.value(), id, version)
                .update();
        if (n == 0) {
            return false;
        }
        replaceLists(tenant, id, c);
        return true;
    }

    /** Marks the card changed (a note or custom value alone changed): new version and time. */
    public void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update customers set updated_at = ?, version = version + 1 where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), tenant.value(), id).update();
    }

    private void replaceLists(TenantId tenant, UUID id, Card c) {
        jdbc.sql("delete from customer_phones where tenant_id = ? and customer_id = ?").params(tenant.value(), id).update();
        jdbc.sql("delete from customer_emails where tenant_id = ? and customer_id = ?").params(tenant.value(), id).update();
        for (int i = 0; i < c.phones().size(); i++) {
            Card.Phone p = c.phones().get(i);
            jdbc.sql("insert into customer_phones (tenant_id, customer_id, position, e164, extension, raw, label)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(tenant.value(), id, i, p.e164(), p.extension(), p.raw(), p.label()).update();
        }
        for (int i = 0; i < c.emails().size(); i++) {
            Card.Email e = c.emails().get(i);
            jdbc.sql("insert into customer_emails (tenant_id, customer_id, position, address, label) values (?, ?, ?, ?, ?)")
                    .params(tenant.value(), id, i, e.address(), e.label()).update();
        }
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("delete from customers where tenant_id = ? and id = ?").params(tenant.value(), id).update() == 1;
    }

    public void addNote(TenantId tenant, UUID noteId, UUID customerId, String text, UUID authorId, String authorName,
                        Instant now) {
        jdbc.sql("insert into customer_notes (tenant_id, id, customer_id, text, author_id, author_name, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), noteId, customerId, text, authorId, authorName, Timestamp.from(now)).update();
    }

    public Optional<CustomerView.Note> note(TenantId tenant, UUID customerId, UUID noteId) {
        return jdbc.sql("select id, text, author_id, author_name, created_at from customer_notes"
                        + " where tenant_id = ? and customer_id = ? and id = ?")
                .params(tenant.value(), customerId, noteId).query(CustomerRepository::note).optional();
    }

    public void deleteNote(TenantId tenant, UUID noteId) {
        jdbc.sql("delete from customer_notes where tenant_id = ? and id = ?").params(tenant.value(), noteId).update();
    }

    /** The card without its custom fields (the caller adds them); empty when the tenant has no such card. */
    public Optional<CustomerView> find(TenantId tenant, UUID id) {
        Optional<CustomerView> card = jdbc.sql("select * from customers where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query((rs, i) -> new CustomerView(id, CustomerKind.valueOf(rs.getString("kind")),
                        rs.getString("display_name"), rs.getString("name"), rs.getString("holding"), rs.getString("industry"),
                        rs.getString("last_name"), rs.getString("first_name"), rs.getString("middle_name"),
                        rs.getString("position"), rs.getObject("organization_id", UUID.class), rs.getString("status"),
                        rs.getString("region"), rs.getString("city"), rs.getString("address"), rs.getString("website"),
                        List.of(), List.of(), List.of(), Map.of(), List.of(), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"), List.of()))
                .optional();
        return card.map(c -> {
            UUID[] ids = {id};
            List<CustomerView.Note> notes = jdbc.sql("select id, text, author_id, author_name, created_at from customer_notes"
                            + " where tenant_id = ? and customer_id = ? order by created_at, id")
                    .params(tenant.value(), id).query(CustomerRepository::note).list();
            return new CustomerView(c.id(), c.kind(), c.displayName(), c.name(), c.holding(), c.industry(), c.lastName(),
                    c.firstName(), c.middleName(), c.position(), c.organizationId(), c.status(), c.region(), c.city(),
                    c.address(), c.website(), phones(tenant, ids).getOrDefault(id, List.of()),
                    emails(tenant, ids).getOrDefault(id, List.of()), notes, Map.of(), List.of(), c.createdAt(),
                    c.updatedAt(), c.version(), List.of());
        });
    }

    /** The kind of a card of the tenant, if it exists (to check an organization link). */
    public Optional<CustomerKind> kindOf(TenantId tenant, UUID id) {
        return jdbc.sql("select kind from customers where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query(String.class).optional().map(CustomerKind::valueOf);
    }

    /**
     * Serializes writers of the same numbers in this tenant until the transaction ends, so two
     * concurrent creations of one customer cannot both pass the duplicate check.
     */
    public void lockNumbers(TenantId tenant, List<String> e164s) {
        e164s.stream().distinct().sorted().forEach(n -> jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 40))")
                .param(tenant.value() + "/" + n).query(rs -> { }));
    }

    /** A card of this kind and name key with one of these numbers, other than {@code except}: its id and the number. */
    public Optional<Map.Entry<UUID, String>> sameCustomer(TenantId tenant, CustomerKind kind, String nameKey,
                                                          List<String> e164s, UUID except) {
        if (e164s.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select c.id, p.e164 from customer_phones p
                  join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
                 where p.tenant_id = ? and p.e164 = any(?) and c.kind = ? and lower(c.display_name) = ? and c.id <> ?
                 order by c.created_at limit 1""")
                .params(tenant.value(), e164s.toArray(String[]::new), kind.name(), nameKey,
                        except == null ? new UUID(0, 0) : except)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /**
     * Ids of the tenant's cards in name order after the cursor, filtered by any of: a substring
     * of the searchable names ({@code like} pattern, already escaped), a phone in E.164, an
     * e-mail address. Reads {@code customer_search} (V40) with an explicit tenant filter.
     */
    public List<Map.Entry<UUID, String>> search(TenantId tenant, String likePattern, String e164, String email,
                                                String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select s.customer_id, s.name_key from customer_search s where s.tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (likePattern != null) {
            sql.append(" and s.search_key like ?");
            params.add(likePattern);
        }
        if (e164 != null) {
            sql.append(" and s.customer_id in (select customer_id from customer_phones where tenant_id = ? and e164 = ?)");
            params.add(tenant.value());
            params.add(e164);
        }
        if (email != null) {
            sql.append(" and s.customer_id in (select customer_id from customer_emails where tenant_id = ? and address = ?)");
            params.add(tenant.value());
            params.add(email);
        }
        if (afterId != null) {
            sql.append(" and (s.name_key, s.customer_id) > (?, ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" order by s.name_key, s.customer_id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    /**
     * The cards with this phone (E.164) or e-mail, in name order (CRM-2's match), as summaries, in
     * one statement. Starts from the phone's or address's index (a materialized CTE, so the probe
     * runs first whatever the statistics say) and reads only those cards by primary key, with
     * their phones and e-mails aggregated: a lookup costs the same in a tenant of a million cards
     * as in one of ten, and one round trip.
     */
    public List<CustomerSummary> matching(TenantId tenant, String e164, String email, int limit) {
        String inner = e164 != null
                ? "select customer_id from customer_phones where tenant_id = ? and e164 = ?"
                : "select customer_id from customer_emails where tenant_id = ? and address = ?";
        return jdbc.sql("with m as materialized (" + inner + "), found as (select distinct c.id, c.kind, c.display_name,"
                        + " c.organization_id, lower(c.display_name) as k from m join customers c on c.tenant_id = ?"
                        + " and c.id = m.customer_id order by k, c.id limit ?)"
                        + " select f.*, (select array_agg(p.e164 order by p.position) from customer_phones p"
                        + "   where p.tenant_id = ? and p.customer_id = f.id) as e164s,"
                        + " (select array_agg(p.extension order by p.position) from customer_phones p"
                        + "   where p.tenant_id = ? and p.customer_id = f.id) as extensions,"
                        + " (select array_agg(p.raw order by p.position) from customer_phones p"
                        + "   where p.tenant_id = ? and p.customer_id = f.id) as raws,"
                        + " (select array_agg(p.label order by p.position) from customer_phones p"
                        + "   where p.tenant_id = ? and p.customer_id = f.id) as labels,"
                        + " (select array_agg(e.address order by e.position) from customer_emails e"
                        + "   where e.tenant_id = ? and e.customer_id = f.id) as addresses,"
                        + " (select array_agg(e.label order by e.position) from customer_emails e"
                        + "   where e.tenant_id = ? and e.customer_id = f.id) as email_labels"
                        + " from found f order by f.k, f.id")
                .params(tenant.value(), e164 != null ? e164 : email, tenant.value(), limit, tenant.value(),
                        tenant.value(), tenant.value(), tenant.value(), tenant.value(), tenant.value())
                .query((rs, i) -> {
                    String[] numbers = strings(rs.getArray("e164s"));
                    String[] extensions = strings(rs.getArray("extensions"));
                    String[] raws = strings(rs.getArray("raws"));
                    String[] labels = strings(rs.getArray("labels"));
                    List<CustomerView.Phone> phones = new ArrayList<>();
                    for (int k = 0; k < numbers.length; k++) {
                        phones.add(new CustomerView.Phone(numbers[k], extensions[k], raws[k], labels[k]));
                    }
                    String[] addresses = strings(rs.getArray("addresses"));
                    String[] emailLabels = strings(rs.getArray("email_labels"));
                    List<CustomerView.Email> emails = new ArrayList<>();
                    for (int k = 0; k < addresses.length; k++) {
                        emails.add(new CustomerView.Email(addresses[k], emailLabels[k]));
                    }
                    return new CustomerSummary(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
                            rs.getString("display_name"), rs.getObject("organization_id", UUID.class), phones, emails);
                })
                .list();
    }

    private static String[] strings(java.sql.Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /** Summaries of these cards, in the order of {@code ids}; ids the tenant does not have are left out. */
    public List<CustomerSummary> summaries(TenantId tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, CustomerSummary> found = new HashMap<>();
        Map<UUID, List<CustomerView.Phone>> phones = phones(tenant, array);
        Map<UUID, List<CustomerView.Email>> emails = emails(tenant, array);
        jdbc.sql("select id, kind, display_name, organization_id from customers where tenant_id = ? and id = any(?)")
                .params(tenant.value(), array)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    found.put(id, new CustomerSummary(id, CustomerKind.valueOf(rs.getString("kind")),
                            rs.getString("display_name"), rs.getObject("organization_id", UUID.class),
                            phones.getOrDefault(id, List.of()), emails.getOrDefault(id, List.of())));
                });
        return ids.stream().map(found::get).filter(s -> s != null).toList();
    }

    private Map<UUID, List<CustomerView.Phone>> phones(TenantId tenant, UUID[] ids) {
        Map<UUID, List<CustomerView.Phone>> out = new HashMap<>();
        jdbc.sql("select customer_id, e164, extension, raw, label from customer_phones"
                        + " where tenant_id = ? and customer_id = any(?) order by customer_id, position")
                .params(tenant.value(), ids)
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new CustomerView.Phone(
                            rs.getString("e164"), rs.getString("extension"), rs.getString("raw"), rs.getString("label")));
                });
        return out;
    }

    private Map<UUID, List<CustomerView.Email>> emails(TenantId tenant, UUID[] ids) {
        Map<UUID, List<CustomerView.Email>> out = new HashMap<>();
        jdbc.sql("select customer_id, address, label from customer_emails"
                        + " where tenant_id = ? and customer_id = any(?) order by customer_id, position")
                .params(tenant.value(), ids)
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new CustomerView.Email(rs.getString("address"), rs.getString("label")));
                });
        return out;
    }

    /** The cards having each of these numbers (E.164), for an import's duplicate check. */
    public Map<String, java.util.Set<UUID>> idsByPhones(TenantId tenant, java.util.Collection<String> e164s) {
        return idsBy(tenant, "select e164, customer_id from customer_phones where tenant_id = ? and e164 = any(?)", e164s);
    }

    /** The cards having each of these (lower-cased) e-mail addresses. */
    public Map<String, java.util.Set<UUID>> idsByEmails(TenantId tenant, java.util.Collection<String> addresses) {
        return idsBy(tenant, "select address, customer_id from customer_emails where tenant_id = ? and address = any(?)",
                addresses);
    }

    private Map<String, java.util.Set<UUID>> idsBy(TenantId tenant, String sql, java.util.Collection<String> keys) {
        Map<String, java.util.Set<UUID>> out = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 10_000) {
            String[] chunk = all.subList(from, Math.min(all.size(), from + 10_000)).toArray(String[]::new);
            jdbc.sql(sql).params(tenant.value(), chunk).query(rs -> {
                out.computeIfAbsent(rs.getString(1), k -> new java.util.LinkedHashSet<>()).add(rs.getObject(2, UUID.class));
            });
        }
        return out;
    }

    /** Organization cards by lower-cased name (the oldest where several share a name). */
    public Map<String, UUID> organizationsByName(TenantId tenant, java.util.Collection<String> lowerNames) {
        Map<String, UUID> out = new HashMap<>();
        if (lowerNames.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select lower(display_name), id from customers
                 where tenant_id = ? and kind = 'ORGANIZATION' and lower(display_name) = any(?) order by created_at desc, id""")
                .params(tenant.value(), lowerNames.toArray(String[]::new))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return out;
    }

    /** Display names of these cards (an export's organization column). */
    public Map<UUID, String> displayNames(TenantId tenant, java.util.Collection<UUID> ids) {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, display_name from customers where tenant_id = ? and id = any(?)")
                .params(tenant.value(), ids.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return out;
    }

    /** Whole cards (without notes and custom values) in the order of {@code ids}: an export's page. */
    public List<CustomerView> findAll(TenantId tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, List<CustomerView.Phone>> phones = phones(tenant, array);
        Map<UUID, List<CustomerView.Email>> emails = emails(tenant, array);
        Map<UUID, CustomerView> found = new HashMap<>();
        jdbc.sql("select * from customers where tenant_id = ? and id = any(?)").params(tenant.value(), array)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    found.put(id, new CustomerView(id, CustomerKind.valueOf(rs.getString("kind")),
                            rs.getString("display_name"), rs.getString("name"), rs.getString("holding"),
                            rs.getString("industry"), rs.getString("last_name"), rs.getString("first_name"),
                            rs.getString("middle_name"), rs.getString("position"), rs.getObject("organization_id", UUID.class),
                            rs.getString("status"), rs.getString("region"), rs.getString("city"), rs.getString("address"),
                            rs.getString("website"), phones.getOrDefault(id, List.of()), emails.getOrDefault(id, List.of()),
                            List.of(), Map.of(), List.of(), rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"), List.of()));
                });
        return ids.stream().map(found::get).filter(c -> c != null).toList();
    }

    private static CustomerView.Note note(ResultSet rs, int i) throws SQLException {
        return new CustomerView.Note(rs.getObject("id", UUID.class), rs.getString("text"),
                rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getTimestamp("created_at").toInstant());
    }
}
