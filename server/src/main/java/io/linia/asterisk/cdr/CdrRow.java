package io.linia.asterisk.cdr;

import java.time.LocalDateTime;

/**
 * One row of Asterisk's CDR table ({@code asteriskcdrdb.cdr} as FreePBX creates it): one per
 * channel leg, written when the leg ends. {@code calldate} is the leg's start in the PBX's local
 * time (no zone in the table); {@code duration} runs from the start, {@code billsec} from the
 * answer, both in seconds. The rows of one call share {@code linkedid} (the first channel's
 * {@code uniqueid}); a Local channel writes a row per half, an unanswered ring attempt a row of
 * its own (cdr.conf {@code unanswered = yes}).
 */
public record CdrRow(LocalDateTime calldate, String src, String dst, String channel, String dstchannel,
                     String lastapp, String disposition, int duration, int billsec, String uniqueid, String linkedid) {

    /** The call this row belongs to: its linkedid, or its own uniqueid when the table has none for it. */
    public String callKey() {
        return linkedid == null || linkedid.isEmpty() ? uniqueid : linkedid;
    }

    public LocalDateTime end() {
        return calldate.plusSeconds(duration);
    }

    /** When the leg was answered: the answer is not a column of FreePBX's table, start + duration - billsec is. */
    public LocalDateTime answer() {
        return calldate.plusSeconds(Math.max(0, duration - billsec));
    }

    boolean bridged() {
        return dstchannel != null && !dstchannel.isEmpty();
    }

    boolean answered() {
        return "ANSWERED".equalsIgnoreCase(disposition);
    }
}
