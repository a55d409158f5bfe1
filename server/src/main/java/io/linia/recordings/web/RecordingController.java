package io.linia.recordings.web;

import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.linia.recordings.RecordingView;
import io.linia.recordings.Recordings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Call recordings (TEL-6): the list of a call's recordings and the audio, played in the
 * browser with range requests (seeking) or downloaded; every access is audited (AUD-3).
 */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings", description = "Call recordings: stored encrypted, played with range requests, audited (TEL-6)")
@PreAuthorize("hasAuthority('RECORDING_LISTEN')")
class RecordingController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Recordings recordings;

    RecordingController(Recordings recordings) {
        this.recordings = recordings;
    }

    @GetMapping
    @Operation(summary = "The recordings of a call")
    List<RecordingView> forCall(@AuthenticationPrincipal CurrentUser me, @RequestParam String callId) {
        return recordings.forCall(me.tenantId(), callId);
    }

    @GetMapping("/{id}")
    RecordingView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return recordings.get(me.tenantId(), id);
    }

    @GetMapping("/{id}/audio")
    @Operation(summary = "The audio (WAV); a Range header gives 206 with those bytes; download=true as an attachment")
    void audio(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
               @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
               @RequestParam(defaultValue = "false") boolean download, HttpServletResponse response) throws IOException {
        RecordingView r = recordings.get(me.tenantId(), id);
        long size = r.sizeBytes() == null ? 0 : r.sizeBytes();
        long from = 0;
        Long length = null;
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                throw new InvalidInputException("range", "Range", "One range as bytes=start-end, start- or -suffix");
            }
            if (m.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    long end = Math.min(Long.parseLong(m.group(2)), size - 1);
                    if (end < from) {
                        unsatisfiable(response, size);
                        return;
                    }
                    length = end - from + 1;
                }
            }
            if (from >= size) {
                unsatisfiable(response, size);
                return;
            }
        }
        // the audio is written here, in the request's own thread: no async dispatch to authorize again
        Recordings.Audio audio = recordings.open(me.tenantId(), id, from, length, download);
        try (InputStream in = audio.stream()) {
            response.setContentType(r.format().equals("wav") ? "audio/wav" : "application/octet-stream");
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setContentLengthLong(audio.length());
            if (download) {
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"call-"
                        + r.callId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + id + "." + r.format() + "\"");
            }
            if (range != null) {
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + audio.offset() + "-"
                        + (audio.offset() + audio.length() - 1) + "/" + audio.size());
            }
            OutputStream out = response.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            long left = audio.length();
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("The recording ended early");
                }
                out.write(buf, 0, n);
                left -= n;
            }
            out.flush();
        }
    }

    private static void unsatisfiable(HttpServletResponse response, long size) {
        response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
    }
}
