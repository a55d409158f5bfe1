package io.linia.asterisk.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.MariaDbServer;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Importing a FreePBX asteriskcdrdb on a real MariaDB (TEL-4, TEL-7): the queue_log table gives
 * the very calls, legs and events the queue_log file gives; the cdr table adds the calls that
 * never entered a queue and skips the ones the queue_log had; a second import reads only new
 * rows; bad settings are refused on the field to fix. The rows are what a real Asterisk 22 wrote
 * (fixtures/asterisk), loaded into FreePBX's schema (asterisk/asteriskcdrdb.sql).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdrDatabaseImportIT {

    static final List<String> QUEUE_LOGS = List.of("01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon",
            "05-ring-no-answer", "06-pause", "07-sip-agent");
    static final List<String> CDRS = List.of("01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon",
            "05-ring-no-answer", "07-sip-agent", "08-sip-originate");
    static final String AGENTS = "{\"SIP Agent baresip\": \"1007\"}";
    static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    MariaDbServer maria;
    Api api;
    TestTenant fileTenant;
    TestTenant dbTenant;
    Api fileAdmin;
    Api dbAdmin;
    UUID op1001;
    UUID op1002;
    JsonNode first;

    @BeforeAll
    void loadTheFixturesIntoMariaDbAndImportThem() throws Exception {
        maria = MariaDbServer.start();
        maria.script("", "create database asteriskcdrdb;\ncreate database brokencdr;\n"
                + "create user 'linia'@'127.0.0.1' identified by 'cdr-secret';\n"
                + "grant select on asteriskcdrdb.* to 'linia'@'127.0.0.1';\n"
                + "grant select on brokencdr.* to 'linia'@'127.0.0.1';\n");
        maria.script("asteriskcdrdb", CdrFixtures.text("/asterisk/asteriskcdrdb.sql"));
        // an old cdr table without linkedid (Asterisk before 1.8)
        maria.script("brokencdr", "create table cdr (calldate datetime, src varchar(80), dst varchar(80),"
                + " channel varchar(80), dstchannel varchar(80), lastapp varchar(80), disposition varchar(45),"
                + " duration int, billsec int, uniqueid varchar(32));\n");
        StringBuilder file = new StringBuilder();
        for (String s : QUEUE_LOGS) {
            String text = CdrFixtures.text("/fixtures/asterisk/" + s + "/queue_log.txt");
            file.append(text);
            for (String line : text.split("\n")) {
                insertQueueLog(line.split("\\|", -1));
            }
        }
        for (String s : CDRS) {
            for (CdrRow r : CdrFixtures.rows(s)) {
                insertCdr(r);
            }
        }

        api = new Api(port);
        fileTenant = tenants.create();
        fileAdmin = api.as(fileTenant.token(api, "admin"));
        dbTenant = tenants.create();
        dbAdmin = api.as(dbTenant.token(api, "admin"));
        for (String[] op : new String[][] {{"op1001", "1001"}, {"op1002", "1002"}, {"op1003", "1003"},
                {"op1005", "1005"}, {"op1006", "1006"}, {"opsip", "1007"}}) {
            operator(fileTenant, fileAdmin, op[0], op[1]);
            UUID id = operator(dbTenant, dbAdmin, op[0], op[1]);
            if (op[1].equals("1001")) {
                op1001 = id;
            } else if (op[1].equals("1002")) {
                op1002 = id;
            }
        }
        Api.Response upload = fileAdmin.upload("/api/v1/history/imports?name=queue_log&agents="
                + URLEncoder.encode(AGENTS, StandardCharsets.UTF_8), "text/plain",
                file.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        assertThat(awaitEnd(fileAdmin, upload.json().get("id").asString()).get("status").asString()).isEqualTo("done");

        Api.Response saved = dbAdmin.put("/api/v1/asterisk/cdr-database", settings("cdr-secret"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        first = importNow(dbAdmin);
    }

    @AfterAll
    void stopMariaDb() {
        if (maria != null) {
            maria.close();
        }
    }

    @Test
    @Order(1)
    void theQueueLogTableGivesTheVeryCallsOfTheQueueLogFile() {
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("done");
        assertThat(first.get("source").asString()).isEqualTo("database");
        assertThat(first.get("malformedLines").asLong()).isZero();
        List<Map<String, Object>> fromFile = queueCalls(fileTenant);
        assertThat(fromFile).hasSize(6);
        assertThat(queueCalls(dbTenant)).isEqualTo(fromFile);
        assertThat(legs(dbTenant)).isEqualTo(legs(fileTenant)).hasSize(6);
        assertThat(events(dbTenant)).isEqualTo(events(fileTenant));
        assertThat(states(dbTenant)).isEqualTo(states(fileTenant)).isNotEmpty();
        assertThat(dbAdmin.get("/api/v1/reports/summary?from=2026-11-22&to=2026-11-23").json())
                .isEqualTo(fileAdmin.get("/api/v1/reports/summary?from=2026-11-22&to=2026-11-23").json());
    }

    @Test
    @Order(2)
    void theCdrTableAddsTheCallThatNeverEnteredAQueueAndSkipsTheQueueCalls() {
        JsonNode cdr = first.get("report").get("cdr");
        assertThat(first.get("calls").asLong()).isEqualTo(7);
        assertThat(cdr.get("rows").asLong()).isEqualTo(19); // every row of the seven scenarios
        assertThat(cdr.get("alreadyStored").asLong()).isEqualTo(6);
        assertThat(cdr.get("calls").asLong()).isEqualTo(1);
        assertThat(cdr.get("inbound").asLong()).isEqualTo(1);
        Map<String, Object> originate = call(dbTenant, "1795332674.33");
        assertThat(originate.get("direction")).isEqualTo("inbound");
        assertThat(originate.get("caller")).isEqualTo("100");
        assertThat(originate.get("outcome")).isEqualTo("answered_by_pbx");
        assertThat(originate.get("queue_id")).isNull();
        assertThat(legsOf(dbTenant, "1795332674.33")).isZero();
    }

    @Test
    @Order(3)
    void aSecondImportReadsOnlyNewRowsAndReportsBrokenOnesByRow() throws Exception {
        LocalDateTime day = LocalDateTime.parse("2026-11-23T09:00:00");
        long epoch = day.toEpochSecond(ZoneOffset.UTC);
        // a new queue call: its queue_log lines and its CDR rows
        insertQueueLog(new String[] {Long.toString(epoch), epoch + ".1", "support", "NONE", "ENTERQUEUE", "", "5558000", "1"});
        long garbage = insertQueueLog(new String[] {"yesterday", epoch + ".1", "support", "NONE", "INFO", "x"});
        insertQueueLog(new String[] {Long.toString(epoch + 2), epoch + ".1", "support", "Agent 1001", "CONNECT", "2",
                epoch + ".2", "1"});
        insertQueueLog(new String[] {Long.toString(epoch + 12), epoch + ".1", "support", "Agent 1001", "COMPLETECALLER",
                "2", "10", "1"});
        insertCdr(new CdrRow(day, "5558000", "100", "PJSIP/trunk-00000020", "Local/1001@agents-00000021;1", "Queue",
                "ANSWERED", 12, 10, epoch + ".1", epoch + ".0"));
        insertCdr(new CdrRow(day, "5558000", "s", "PJSIP/trunk-00000020;1", "", "Hangup", "ANSWERED", 12, 12,
                epoch + ".0", epoch + ".0"));
        // a direct call to 1001, answered after 8 s, 52 s of talk; an outbound call of 1002; a broken row
        insertCdr(new CdrRow(day.plusMinutes(5), "74951234567", "1001", "PJSIP/trunk-00000030", "PJSIP/1001-00000031",
                "Dial", "ANSWERED", 60, 52, (epoch + 300) + ".30", (epoch + 300) + ".30"));
        insertCdr(new CdrRow(day.plusMinutes(6), "1002", "84951112233", "PJSIP/1002-00000040", "PJSIP/trunk-00000041",
                "Dial", "ANSWERED", 30, 25, (epoch + 360) + ".40", (epoch + 360) + ".40"));
        insertCdr(new CdrRow(day.plusMinutes(7), "1002", "84950000000", "PJSIP/1002-00000050", "PJSIP/trunk-00000051",
                "Dial", "ANSWERED", 5, 9, (epoch + 420) + ".50", (epoch + 420) + ".50"));

        JsonNode second = importNow(dbAdmin);
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("done");
        assertThat(second.get("calls").asLong()).isEqualTo(3);
        assertThat(second.get("malformedLines").asLong()).isEqualTo(1);
        JsonNode line = second.get("report").get("malformedLines").get(0);
        assertThat(line.get("line").asLong()).isEqualTo(garbage);
        assertThat(line.get("text").asString()).contains("yesterday");
        JsonNode cdr = second.get("report").get("cdr");
        assertThat(cdr.get("rows").asLong()).isEqualTo(4); // only the new rows
        assertThat(cdr.get("alreadyStored").asLong()).isEqualTo(1); // the queue call, from the queue_log
        assertThat(cdr.get("calls").asLong()).isEqualTo(2);
        assertThat(cdr.get("malformedCount").asLong()).isEqualTo(1);
        assertThat(cdr.get("malformedRows").get(0).get("uniqueid").asString()).isEqualTo((epoch + 420) + ".50");

        Map<String, Object> direct = call(dbTenant, (epoch + 300) + ".30");
        assertThat(direct.get("direction")).isEqualTo("inbound");
        assertThat(direct.get("agent_id")).isEqualTo(op1001);
        assertThat(direct.get("outcome")).isEqualTo("answered");
        assertThat(direct.get("wait_ms")).isEqualTo(8000L);
        assertThat(direct.get("talk_ms")).isEqualTo(52_000L);
        Map<String, Object> out = call(dbTenant, (epoch + 360) + ".40");
        assertThat(out.get("direction")).isEqualTo("outbound");
        assertThat(out.get("agent_id")).isEqualTo(op1002);
        assertThat(out.get("dialled")).isEqualTo("84951112233");
        assertThat(legsOf(dbTenant, epoch + ".1")).isEqualTo(1);

        JsonNode view = dbAdmin.get("/api/v1/asterisk/cdr-database").json();
        assertThat(view.get("cdrUniqueid").asString()).isEqualTo((epoch + 360) + ".40");
        assertThat(view.get("cdrCalldate").asString()).isEqualTo("2026-11-23 09:06:00");

        JsonNode third = importNow(dbAdmin);
        assertThat(third.get("calls").asLong()).isZero();
        assertThat(third.get("callsAlreadyStored").asLong()).isZero();
        assertThat(third.get("report").get("cdr").get("rows").asLong()).isZero();
    }

    @Test
    @Order(4)
    void badSettingsAreRefusedOnTheFieldToFix() throws Exception {
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        assertThat(admin.get("/api/v1/asterisk/cdr-database").status()).isEqualTo(404);
        refused(admin, Map.of("password", "wrong"), "password", "cdr_db_auth");
        refused(admin, Map.of("username", "root", "password", MariaDbServer.ROOT_PASSWORD, "database", "nosuchdb"),
                "database", "cdr_db_unknown_database");
        refused(admin, Map.of("database", "nosuchdb"), "username", "cdr_db_no_access");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        refused(admin, Map.of("port", closed), "port", "cdr_db_refused");
        refused(admin, Map.of("host", "no-such-host.invalid"), "host", null);
        refused(admin, Map.of("cdrTable", "nosuch"), "cdrTable", "cdr_db_missing_table");
        refused(admin, Map.of("queueLogTable", "nosuch"), "queueLogTable", "cdr_db_missing_table");
        Api.Response column = refused(admin, Map.of("database", "brokencdr", "queueLogTable", ""), "cdrTable",
                "cdr_db_missing_column");
        assertThat(column.json().get("detail").asString()).contains("linkedid");
        refused(admin, Map.of("timeZone", "Mars/Olympus"), "timeZone", "unknown_zone");

        // verify=false saves for a database that is down for now; the test and an import say what is wrong
        Map<String, Object> wrong = settings("wrong");
        Api.Response saved = admin.put("/api/v1/asterisk/cdr-database?verify=false", wrong);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("passwordSet").asBoolean()).isTrue();
        assertThat(saved.json().has("password")).isFalse();
        JsonNode test = admin.post("/api/v1/asterisk/cdr-database/test", null).json();
        assertThat(test.get("ok").asBoolean()).isFalse();
        assertThat(test.get("kind").asString()).isEqualTo("AUTH");
        Api.Response start = admin.post("/api/v1/asterisk/cdr-database/imports", Map.of());
        assertThat(start.status()).isEqualTo(422);
        assertThat(start.field()).isEqualTo("password");
        assertThat(admin.post("/api/v1/asterisk/cdr-database/imports", Map.of("settleMinutes", -1)).field())
                .isEqualTo("settleMinutes");

        // only the password is kept when it is left out; the change is audited without it
        assertThat(admin.put("/api/v1/asterisk/cdr-database", Map.of("password", "cdr-secret")).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/asterisk/cdr-database", Map.of("timeZone", "Europe/Moscow")).json()
                .get("timeZone").asString()).isEqualTo("Europe/Moscow");
        assertThat(admin.post("/api/v1/asterisk/cdr-database/test", null).json().get("ok").asBoolean()).isTrue();
        List<String> audit = TenantContext.as(t.id(), () -> jdbc.sql(
                "select after_state::text from audit_log where tenant_id = ? and action = 'asterisk_cdr_database.update'"
                        + " order by id").param(t.id().value()).query(String.class).list());
        assertThat(audit).hasSize(3);
        assertThat(String.join(" ", audit)).doesNotContain("cdr-secret").doesNotContain("wrong");
        assertThat(audit.get(2)).contains("Europe/Moscow");
    }

    @Test
    @Order(5)
    void onlyAdministratorsAndOnlyTheirOwnTenant() {
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        assertThat(otherAdmin.get("/api/v1/asterisk/cdr-database").status()).isEqualTo(404);
        assertThat(otherAdmin.post("/api/v1/asterisk/cdr-database/test", null).status()).isEqualTo(404);
        assertThat(otherAdmin.post("/api/v1/asterisk/cdr-database/imports", Map.of()).status()).isEqualTo(404);
        assertThat(otherAdmin.get("/api/v1/history/imports/" + first.get("id").asString()).status()).isEqualTo(404);
        Api operator = api.as(dbTenant.token(api, "op1001"));
        assertThat(operator.get("/api/v1/asterisk/cdr-database").status()).isEqualTo(403);
        assertThat(operator.put("/api/v1/asterisk/cdr-database", settings("x")).status()).isEqualTo(403);
        assertThat(operator.post("/api/v1/asterisk/cdr-database/imports", Map.of()).status()).isEqualTo(403);
        assertThat(dbAdmin.get("/api/v1/asterisk/cdr-database").json().get("host").asString()).isEqualTo("127.0.0.1");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> settings(String password) {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "127.0.0.1");
        m.put("port", maria.port());
        m.put("database", "asteriskcdrdb");
        m.put("username", "linia");
        m.put("password", password);
        m.put("timeZone", "UTC");
        m.put("queueLogTable", "queue_log");
        m.put("cdrTable", "cdr");
        return m;
    }

    private Api.Response refused(Api admin, Map<String, Object> change, String field, String code) {
        Map<String, Object> body = settings("cdr-secret");
        body.putAll(change);
        Api.Response r = admin.put("/api/v1/asterisk/cdr-database", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.field()).as(r.toString()).isEqualTo(field);
        if (code != null) {
            assertThat(r.code()).as(r.toString()).isEqualTo(code);
        }
        return r;
    }

    private JsonNode importNow(Api admin) {
        Api.Response r = admin.post("/api/v1/asterisk/cdr-database/imports", Map.of("agents", Map.of("SIP Agent baresip", "1007")));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return awaitEnd(admin, r.json().get("id").asString());
    }

    private long insertQueueLog(String[] f) throws Exception {
        String time = f[0].matches("[0-9]+")
                ? LocalDateTime.ofEpochSecond(Long.parseLong(f[0]), 0, ZoneOffset.UTC).format(SQL_TIME) : f[0];
        try (Connection c = maria.root("asteriskcdrdb"); PreparedStatement s = c.prepareStatement(
                "insert into queue_log (time, callid, queuename, agent, event, data1, data2, data3, data4, data5)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, time);
            for (int i = 1; i < 10; i++) {
                s.setString(i + 1, i < f.length ? f[i] : "");
            }
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void insertCdr(CdrRow r) throws Exception {
        try (Connection c = maria.root("asteriskcdrdb"); PreparedStatement s = c.prepareStatement(
                "insert into cdr (calldate, src, dst, channel, dstchannel, lastapp, disposition, duration, billsec,"
                        + " uniqueid, linkedid) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.calldate().format(SQL_TIME));
            s.setString(2, r.src());
            s.setString(3, r.dst());
            s.setString(4, r.channel());
            s.setString(5, r.dstchannel());
            s.setString(6, r.lastapp());
            s.setString(7, r.disposition());
            s.setInt(8, r.duration());
            s.setInt(9, r.billsec());
            s.setString(10, r.uniqueid());
            s.setString(11, r.linkedid());
            s.executeUpdate();
        }
    }

    private UUID operator(TestTenant t, Api admin, String login, String extension) {
        UUID id = t.user(login, "operator");
        Api.Response r = admin.patch("/api/v1/users/" + id, Map.of("extension", extension));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    /** The tenant's queue calls with queues and agents by number, not by their tenant's ids. */
    private List<Map<String, Object>> queueCalls(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("""
                select c.id, c.direction, c.caller, c.dialled, q.number as queue, u.extension as agent, c.arrived_at,
                       c.connected_at, c.ended_at, c.wait_ms, c.talk_ms, c.outcome, c.ended_by
                  from calls c left join acd_queues q on q.tenant_id = c.tenant_id and q.id = c.queue_id
                       left join users u on u.id = c.agent_id
                 where c.tenant_id = ? and c.queue_id is not null and c.arrived_at < '2026-11-23' order by c.id""")
                .param(t.id().value()).query().listOfRows());
    }

    private List<Map<String, Object>> legs(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("""
                select l.call_id, l.leg, q.number as queue, l.caller, l.entered_at, l.position, u.extension as agent,
                       l.agent_number, l.connected_at, l.ended_at, l.wait_ms, l.talk_ms, l.outcome, l.ended_by,
                       l.ring_no_answer, l.sl_seconds, l.short_abandon_seconds
                  from call_legs l join acd_queues q on q.tenant_id = l.tenant_id and q.id = l.queue_id
                       left join users u on u.id = l.agent_id
                 where l.tenant_id = ? and l.entered_at < '2026-11-23' order by l.call_id, l.leg""")
                .param(t.id().value()).query().listOfRows());
    }

    private List<Map<String, Object>> events(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("""
                select e.call_id, e.at, e.type, q.number as queue, u.extension as agent, e.data::text as data
                  from call_events e left join acd_queues q on q.tenant_id = e.tenant_id and q.id = e.queue_id
                       left join users u on u.id = e.agent_id
                 where e.tenant_id = ? and e.at < '2026-11-23' order by e.call_id, e.at, e.type""")
                .param(t.id().value()).query().listOfRows());
    }

    private List<Map<String, Object>> states(TestTenant t) {
        return TenantContext.as(t.id(), () -> jdbc.sql("""
                select u.extension, s.state, s.reason, s.started_at, s.ended_at
                  from agent_state_log s join users u on u.id = s.user_id
                 where s.tenant_id = ? order by u.extension, s.started_at, s.state""")
                .param(t.id().value()).query().listOfRows());
    }

    private Map<String, Object> call(TestTenant t, String id) {
        return TenantContext.as(t.id(), () -> jdbc.sql("select * from calls where tenant_id = ? and id = ?")
                .params(t.id().value(), id).query().singleRow());
    }

    private long legsOf(TestTenant t, String id) {
        return TenantContext.as(t.id(), () -> jdbc.sql("select count(*) from call_legs where tenant_id = ? and call_id = ?")
                .params(t.id().value(), id).query(Long.class).single());
    }

    private static JsonNode awaitEnd(Api admin, String id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode v = null;
        while (System.nanoTime() < deadline) {
            v = admin.get("/api/v1/history/imports/" + id).json();
            if (!List.of("queued", "running").contains(v.get("status").asString())) {
                return v;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the import did not end in 30 s: " + v);
    }

}
