package io.linia.audit;

/**
 * Writes audit entries. Call it inside the transaction of the change it records, so the
 * change and its entry commit or roll back together (STYLE.md habit 5).
 */
public interface AuditLog {

    void record(AuditEvent event);
}
