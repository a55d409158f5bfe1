package io.linia.asterisk.cdr;

import io.linia.acd.CallHistory;
import io.linia.identity.UserService;
import io.linia.platform.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the CDR table from where the last import stopped (calldate, uniqueid) and stores the
 * calls that never entered a queue ({@link CdrCalls}). A CDR row is written when its leg ends,
 * so a call still going has rows missing: only calls whose first row started {@code settle}
 * before now are taken, and the rows of a call are gathered from up to {@link #LOOKAHEAD} after
 * its first row, even past that horizon. Memory holds the calls of one lookahead window.
 */
@Component
class CdrTable {

    /** How long after a call's first row its other rows may start (transfers, follow-me, ring groups). */
    static final Duration LOOKAHEAD = Duration.ofHours(1);
    static final int BATCH = 1000;
    static final int MALFORMED_KEPT = 100;
    static final DateTimeFormatter CALLDATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What a pass over the CDR table did; {@code calldate}/{@code uniqueid} the last row taken. */
    static final class Result {
        long rows;
        long calls;
        long alreadyStored;
        long queueCalls;
        long inbound;
        long outbound;
        long malformed;
        final List<Map<String, Object>> malformedRows = new ArrayList<>();
        String calldate;
        String uniqueid;

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("calls", calls);
            m.put("inbound", inbound);
            m.put("outbound", outbound);
            m.put("alreadyStored", alreadyStored);
            m.put("queueCallsWithoutQueueLog", queueCalls);
            m.put("malformedCount", malformed);
            m.put("malformedRows", malformedRows);
            m.put("lastCalldate", calldate);
            m.put("lastUniqueid", uniqueid);
            return m;
        }
    }

    private final JdbcClient jdbc;
    private final CallHistory history;
    private final UserService users;

    CdrTable(JdbcClient jdbc, CallHistory history, UserService users) {
        this.jdbc = jdbc;
        this.history = history;
        this.users = users;
    }

    /** One pass: rows after ({@code calldate}, {@code uniqueid}) whose call started before {@code horizon} (PBX time). */
    Result run(TenantId tenant, Connection c, SourceDatabase db, LocalDateTime horizon, String calldate, String uniqueid)
            throws SQLException {
        Result result = new Result();
        result.calldate = calldate;
        result.uniqueid = uniqueid;
        Map<String, UUID> byExtension = users.usersByExtension(tenant);
        Map<String, Group> open = new LinkedHashMap<>();
        List<Group> done = new ArrayList<>();
        String sql = "select calldate, src, dst, channel, dstchannel, lastapp, disposition, duration, billsec, uniqueid,"
                + " linkedid from `" + db.cdrTable() + "` where (calldate > ? or (calldate = ? and uniqueid > ?))"
                + " and calldate <= ? order by calldate, uniqueid";
        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(1000);
            String from = calldate == null ? "1000-01-01 00:00:00" : calldate;
            s.setString(1, from);
            s.setString(2, from);
            s.setString(3, uniqueid == null ? "" : uniqueid);
            s.setString(4, horizon.plus(LOOKAHEAD).format(CALLDATE));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    CdrRow row = read(rs, result);
                    if (row == null) {
                        continue;
                    }
                    boolean inRange = !row.calldate().isAfter(horizon);
                    Group g = open.get(row.callKey());
                    if (inRange) {
                        result.rows++;
                        result.calldate = row.calldate().format(CALLDATE);
                        result.uniqueid = row.uniqueid();
                        if (g == null) {
                            g = new Group(row.calldate());
                            open.put(row.callKey(), g);
                        }
                    }
                    if (g != null) {
                        g.rows.add(row);
                    }
                    for (Iterator<Group> it = open.values().iterator(); it.hasNext(); ) {
                        Group head = it.next();
                        if (!head.first.plus(LOOKAHEAD).isBefore(row.calldate())) {
                            break;
                        }
                        done.add(head);
                        it.remove();
                    }
                    if (done.size() >= BATCH) {
                        store(tenant, done, byExtension, db, result);
                    }
                }
            }
        }
        done.addAll(open.values());
        store(tenant, done, byExtension, db, result);
        return result;
    }

    private CdrRow read(ResultSet rs, Result result) throws SQLException {
        String uniqueid = rs.getString(10);
        String at = rs.getString(1);
        String why = null;
        LocalDateTime calldate = null;
        try {
            calldate = LocalDateTime.parse(at, QueueLogTable.TIME);
        } catch (DateTimeParseException | NullPointerException e) {
            why = "calldate is not a date and time: '" + at + "'";
        }
        int duration = rs.getInt(8);
        int billsec = rs.getInt(9);
        if (why == null && (uniqueid == null || uniqueid.isBlank())) {
            why = "no uniqueid";
        } else if (why == null && (duration < 0 || billsec < 0 || billsec > duration)) {
            why = "duration " + duration + " and billsec " + billsec + " do not fit";
        }
        if (why != null) {
            result.malformed++;
            if (result.malformedRows.size() < MALFORMED_KEPT) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("uniqueid", uniqueid);
                m.put("calldate", at);
                m.put("reason", why);
                result.malformedRows.add(m);
            }
            return null;
        }
        return new CdrRow(calldate, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), duration, billsec, uniqueid.strip(), rs.getString(11) == null ? "" : rs.getString(11).strip());
    }

    private void store(TenantId tenant, List<Group> groups, Map<String, UUID> byExtension, SourceDatabase db,
                       Result result) {
        if (groups.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (Group g : groups) {
            for (CdrRow r : g.rows) {
                ids.add(r.uniqueid());
                ids.add(r.callKey());
            }
        }
        Set<String> stored = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            stored.addAll(jdbc.sql("select id from calls where tenant_id = :tenant and id in (:ids)")
                    .param("tenant", tenant.value()).param("ids", all.subList(i, Math.min(all.size(), i + 1000)))
                    .query(String.class).list());
        }
        List<CallHistory.Call> calls = new ArrayList<>();
        for (Group g : groups) {
            CdrCalls.Mapped m = CdrCalls.map(g.rows, stored, byExtension, db.zone());
            if (m.skip() == CdrCalls.Skip.STORED) {
                result.alreadyStored++;
            } else if (m.skip() == CdrCalls.Skip.QUEUE) {
                result.queueCalls++;
            } else {
                calls.add(m.call());
            }
        }
        groups.clear();
        if (!calls.isEmpty()) {
            CallHistory.Loaded loaded = history.load(tenant, calls, List.of());
            result.calls += loaded.calls();
            result.alreadyStored += loaded.alreadyStored();
            for (CallHistory.Call call : calls) {
                if (call.direction().equals("outbound")) {
                    result.outbound++;
                } else {
                    result.inbound++;
                }
            }
        }
    }

    private static final class Group {
        final LocalDateTime first;
        final List<CdrRow> rows = new ArrayList<>(4);

        Group(LocalDateTime first) {
            this.first = first;
        }
    }
}
