package io.linia.recordings;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.ConfidentialStorageDisabledException;
import io.linia.recordings.internal.RecordingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Call recordings (TEL-6): a switch adapter says when one starts, pauses (SEC-7) and ends with
 * its audio; the audio is stored encrypted with the tenant's key (SEC-5) and read back only
 * through {@link #open}, which audits the access (AUD-3). Callers run in the tenant's context.
 */
@Service
public class Recordings {

    /** An opened recording: its plaintext audio, from {@code offset}, {@code length} bytes of {@code size}. */
    public record Audio(RecordingView recording, InputStream stream, long offset, long length, long size) {
    }

    private static final Logger log = LoggerFactory.getLogger(Recordings.class);

    private final JdbcClient jdbc;
    private final RecordingStore store;
    private final AuditLog audit;
    private final Clock clock;

    Recordings(JdbcClient jdbc, RecordingStore store, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** A recording of the call has started on the switch. */
    public UUID started(TenantId tenant, String callId, String source, String format) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into recordings (tenant_id, id, call_id, source, format, status, started_at)
                values (?, ?, ?, ?, ?, 'recording', ?)""")
                .params(tenant.value(), id, callId, source, format, Timestamp.from(clock.instant())).update();
        return id;
    }

    /** The recording was paused (a card number is being said, SEC-7) or resumed; audited. */
    public void paused(TenantId tenant, UUID id, boolean paused) {
        RecordingView r = get(tenant, id);
        if (paused) {
            jdbc.sql("update recordings set pauses = pauses + 1 where tenant_id = ? and id = ?")
                    .params(tenant.value(), id).update();
        }
        audit.record(AuditEvent.change(tenant, paused ? "recording.pause" : "recording.resume", "recording", id, null,
                Map.of("call", r.callId())));
    }

    /** The recording ended: its audio is encrypted into the store. Returns the stored recording. */
    public RecordingView store(TenantId tenant, UUID id, InputStream audio) {
        get(tenant, id);
        long size;
        try {
            size = store.write(tenant, id, audio);
        } catch (ConfidentialStorageDisabledException e) {
            failed(tenant, id, "The tenant stores no confidential data (SEC-6)");
            return get(tenant, id);
        } catch (IOException | UncheckedIOException e) {
            log.error("Recording {} of tenant {} could not be stored", id, tenant.value(), e);
            failed(tenant, id, "Could not store the audio: " + e.getMessage());
            return get(tenant, id);
        }
        jdbc.sql("update recordings set status = 'stored', size_bytes = ?, ended_at = ? where tenant_id = ? and id = ?")
                .params(size, Timestamp.from(clock.instant()), tenant.value(), id).update();
        return get(tenant, id);
    }

    /** The recording could not be made or fetched. */
    public void failed(TenantId tenant, UUID id, String error) {
        String e = error == null ? "unknown" : error.length() > 300 ? error.substring(0, 300) : error;
        jdbc.sql("update recordings set status = 'failed', error = ?, ended_at = coalesce(ended_at, ?)"
                        + " where tenant_id = ? and id = ?")
                .params(e, Timestamp.from(clock.instant()), tenant.value(), id).update();
    }

    public RecordingView get(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where tenant_id = ? and id = ?").params(tenant.value(), id).query(Recordings::row)
                .optional().orElseThrow(() -> new NotFoundException("recording", id.toString()));
    }

    /** The stored recordings of these calls, in the order they were made, by call id (a report's rows). */
    public Map<String, List<UUID>> storedFor(TenantId tenant, java.util.Collection<String> callIds) {
        Map<String, List<UUID>> out = new java.util.HashMap<>();
        if (callIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select call_id, id from recordings where tenant_id = ? and call_id = any(?) and status = 'stored'"
                        + " order by started_at")
                .params(tenant.value(), callIds.toArray(String[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getObject(2, UUID.class));
                });
        return out;
    }

    public List<RecordingView> forCall(TenantId tenant, String callId) {
        return jdbc.sql(SELECT + " where tenant_id = ? and call_id = ? order by started_at")
                .params(tenant.value(), callId).query(Recordings::row).list();
    }

    /**
     * Opens a stored recording's audio from {@code offset} for {@code length} bytes (null: to the
     * end) and audits the access as {@code recording.play} or {@code recording.download} (AUD-3).
     */
    public Audio open(TenantId tenant, UUID id, long offset, Long length, boolean download) {
        RecordingView r = get(tenant, id);
        if (!"stored".equals(r.status())) {
            throw new io.linia.platform.ConflictException("not_stored", "id", "The recording is " + r.status());
        }
        long size = r.sizeBytes();
        if (offset < 0 || offset >= size && size > 0 || length != null && (length <= 0 || offset + length > size)) {
            throw new InvalidInputException("range", "Range", "Bytes " + offset + "+" + length + " are outside 0.." + size);
        }
        long len = length == null ? size - offset : length;
        InputStream in;
        try {
            in = store.read(tenant, id);
            in.skipNBytes(offset);
        } catch (java.nio.file.NoSuchFileException e) {
            log.error("Recording {} of tenant {} is stored but its audio is not in {}", id, tenant.value(), store.location());
            throw new io.linia.platform.ConflictException("audio_missing", "id",
                    "The recording's audio is missing from the store; restore it from a backup");
        } catch (IOException e) {
            throw new UncheckedIOException("Recording " + id + " could not be read", e);
        }
        audit.record(AuditEvent.change(tenant, download ? "recording.download" : "recording.play", "recording", id, null,
                Map.of("call", r.callId(), "from", offset, "bytes", len)));
        return new Audio(r, in, offset, len, size);
    }

    private static final String SELECT = """
            select id, call_id, source, format, status, started_at, ended_at, size_bytes, pauses, error
              from recordings""";

    private static RecordingView row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new RecordingView(rs.getObject("id", UUID.class), rs.getString("call_id"), rs.getString("source"),
                rs.getString("format"), rs.getString("status"), rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(), (Long) rs.getObject("size_bytes"), rs.getInt("pauses"),
                rs.getString("error"));
    }
}
