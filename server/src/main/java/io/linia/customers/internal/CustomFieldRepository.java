package io.linia.customers.internal;

import io.linia.customers.CustomFieldView;
import io.linia.customers.FieldType;
import io.linia.platform.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's custom-field definitions and the cards' values of them (V40). */
@Repository
public class CustomFieldRepository {

    /** A stored value: canonical text, or for a confidential field its ciphertext. */
    public record StoredValue(UUID fieldId, String value, byte[] secret) {
    }

    private final JdbcClient jdbc;

    CustomFieldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CustomFieldView> list(TenantId tenant) {
        return jdbc.sql(SELECT + " where tenant_id = ? order by position, key").param(tenant.value())
                .query(CustomFieldRepository::row).list();
    }

    public Optional<CustomFieldView> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query(CustomFieldRepository::row).optional();
    }

    public boolean keyExists(TenantId tenant, String key) {
        return jdbc.sql("select count(*) from customer_fields where tenant_id = ? and key = ?").params(tenant.value(), key)
                .query(Long.class).single() > 0;
    }

    public void insert(TenantId tenant, CustomFieldView f, Instant now) {
        jdbc.sql("""
                insert into customer_fields (tenant_id, id, key, label, type, required, confidential, choices, position,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), f.id(), f.key(), f.label(), f.type().name(),
                        f.required(), f.confidential(), f.choices().toArray(String[]::new), f.position(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    public boolean update(TenantId tenant, CustomFieldView f, int version, Instant now) {
        return jdbc.sql("""
                update customer_fields set label = ?, required = ?, choices = ?, position = ?, updated_at = ?,
                    version = version + 1
                 where tenant_id = ? and id = ? and version = ?""")
                .params(f.label(), f.required(), f.choices().toArray(String[]::new), f.position(), Timestamp.from(now),
                        tenant.value(), f.id(), version)
                .update() == 1;
    }

    /** Deletes the field and, with it, every card's value of it. */
    public void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from customer_fields where tenant_id = ? and id = ?").params(tenant.value(), id).update();
    }

    public long valueCount(TenantId tenant, UUID fieldId) {
        return jdbc.sql("select count(*) from customer_field_values where tenant_id = ? and field_id = ?")
                .params(tenant.value(), fieldId).query(Long.class).single();
    }

    public Map<UUID, StoredValue> values(TenantId tenant, UUID customerId) {
        Map<UUID, StoredValue> out = new HashMap<>();
        jdbc.sql("select field_id, value, secret from customer_field_values where tenant_id = ? and customer_id = ?")
                .params(tenant.value(), customerId)
                .query(rs -> {
                    UUID field = rs.getObject(1, UUID.class);
                    out.put(field, new StoredValue(field, rs.getString(2), rs.getBytes(3)));
                });
        return out;
    }

    /** The values of several cards: card → field → value (an export's page). */
    public Map<UUID, Map<UUID, StoredValue>> valuesOf(TenantId tenant, List<UUID> customerIds) {
        Map<UUID, Map<UUID, StoredValue>> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select customer_id, field_id, value, secret from customer_field_values where tenant_id = ? and customer_id = any(?)")
                .params(tenant.value(), customerIds.toArray(UUID[]::new))
                .query(rs -> {
                    UUID field = rs.getObject(2, UUID.class);
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .put(field, new StoredValue(field, rs.getString(3), rs.getBytes(4)));
                });
        return out;
    }

    /** Stores a card's value: {@code value} for a plain field, {@code secret} (ciphertext) for a confidential one. */
    public void put(TenantId tenant, UUID customerId, UUID fieldId, String value, byte[] secret) {
        jdbc.sql("""
                insert into customer_field_values (tenant_id, customer_id, field_id, value, secret) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, customer_id, field_id) do update set value = excluded.value, secret = excluded.secret""")
                .params(tenant.value(), customerId, fieldId, value, secret).update();
    }

    public void remove(TenantId tenant, UUID customerId, UUID fieldId) {
        jdbc.sql("delete from customer_field_values where tenant_id = ? and customer_id = ? and field_id = ?")
                .params(tenant.value(), customerId, fieldId).update();
    }

    private static final String SELECT =
            "select id, key, label, type, required, confidential, choices, position, version from customer_fields";

    private static CustomFieldView row(ResultSet rs, int i) throws SQLException {
        Array choices = rs.getArray("choices");
        return new CustomFieldView(rs.getObject("id", UUID.class), rs.getString("key"), rs.getString("label"),
                FieldType.valueOf(rs.getString("type")), rs.getBoolean("required"),
                rs.getBoolean("confidential"), List.of((String[]) choices.getArray()), rs.getInt("position"),
                rs.getInt("version"));
    }
}
