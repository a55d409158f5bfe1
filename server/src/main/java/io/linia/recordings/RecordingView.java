package io.linia.recordings;

import java.time.Instant;
import java.util.UUID;

/**
 * A call's recording: {@code status} is {@code recording} (still going), {@code stored} (the
 * audio is kept, {@code sizeBytes} long) or {@code failed} ({@code error} says why);
 * {@code pauses} counts the SEC-7 pauses (card numbers not recorded).
 */
public record RecordingView(UUID id, String callId, String source, String format, String status, Instant startedAt,
                            Instant endedAt, Long sizeBytes, int pauses, String error) {
}
