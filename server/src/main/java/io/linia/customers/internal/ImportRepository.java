package io.linia.customers.internal;

import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Uploaded import files and their reports (V60). Every query names its tenant. */
@Repository
public class ImportRepository {

    /** An import without its file's bytes. */
    public record Stored(UUID id, String fileName, long size, String encoding, String separator, String status,
                         String options, int rows, int created, int updated, int skipped, int rejected, UUID createdBy,
                         Instant createdAt, Instant finishedAt) {
    }

    /** A line of the report. */
    public record Rejection(int line, String column, String field, String code, String reason, boolean skipped) {
    }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    ImportRepository(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    }

    public void insert(TenantId tenant, UUID id, String fileName, byte[] content, String encoding, char separator,
                       UUID createdBy, Instant now) {
        jdbc.sql("""
                insert into customer_imports (tenant_id, id, file_name, size_bytes, content, encoding, separator, status,
                    created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, 'UPLOADED', ?, ?)""")
                .params(tenant.value(), id, fileName, content.length, content, encoding, String.valueOf(separator),
                        createdBy, Timestamp.from(now))
                .update();
    }

    public Optional<Stored> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, file_name, size_bytes, encoding, separator, status, options::text, rows_total, created, updated,
                       skipped, rejected, created_by, created_at, finished_at
                  from customer_imports where tenant_id = ? and id = ?""")
                .params(tenant.value(), id)
                .query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                        rs.getInt(11), rs.getInt(12), rs.getObject(13, UUID.class), rs.getTimestamp(14).toInstant(),
                        rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant()))
                .optional();
    }

    /** The file's bytes, locking the import's row so two runs of one import cannot overlap. */
    public byte[] contentForUpdate(TenantId tenant, UUID id) {
        return jdbc.sql("select content from customer_imports where tenant_id = ? and id = ? for update")
                .params(tenant.value(), id).query(byte[].class).single();
    }

    public byte[] content(TenantId tenant, UUID id) {
        return jdbc.sql("select content from customer_imports where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(byte[].class).single();
    }

    public void finish(TenantId tenant, UUID id, String status, String optionsJson, int rows, int created, int updated,
                       int skipped, int rejected, List<Rejection> report, Instant now) {
        jdbc.sql("""
                update customer_imports set status = ?, options = ?::jsonb, rows_total = ?, created = ?, updated = ?,
                    skipped = ?, rejected = ?, finished_at = ?
                 where tenant_id = ? and id = ?""")
                .params(status, optionsJson, rows, created, updated, skipped, rejected, Timestamp.from(now),
                        tenant.value(), id)
                .update();
        jdbc.sql("delete from customer_import_rejections where tenant_id = ? and import_id = ?")
                .params(tenant.value(), id).update();
        List<Object[]> batchRows = new java.util.ArrayList<>(report.size());
        for (int seq = 0; seq < report.size(); seq++) {
            Rejection r = report.get(seq);
            batchRows.add(new Object[] {tenant.value(), id, seq, r.line(), cut(r.column(), 255), cut(r.field(), 120),
                    r.code(), cut(r.reason(), 1000), r.skipped()});
        }
        batch.batchUpdate("""
                insert into customer_import_rejections (tenant_id, import_id, seq, line, column_name, field, code, reason,
                    skipped) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", batchRows);
    }

    public List<Rejection> report(TenantId tenant, UUID id, int limit) {
        return jdbc.sql("""
                select line, column_name, field, code, reason, skipped from customer_import_rejections
                 where tenant_id = ? and import_id = ? order by seq limit ?""")
                .params(tenant.value(), id, limit)
                .query((rs, i) -> new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
