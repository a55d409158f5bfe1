package io.linia.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

/**
 * Issue 6 / CASE-3, CASE-4 benchmark: the SLA sweep and the notification outbox at size, on a
 * running Linia (real time) whose SMTP server is a local sink.
 *
 * <ol>
 *   <li>one tenant with OPEN requests (default 1,000,000) whose deadlines lie ahead (1 h to 30
 *       days), written in SQL as the embedded superuser; then the sweep's claim and its "next
 *       deadline" query are timed as the application's role in the system scope (row-level
 *       security on), 200 runs each in a rolled-back transaction, with one plan printed;</li>
 *   <li>DUE more requests (default 10,000) whose reaction deadline has passed are written in one
 *       statement; the node's own sweep finds them (within its interval) and escalates each: the
 *       time from the commit until the last one is escalated, and the sweep's own span;</li>
 *   <li>the outbox: SENT rows (default 1,000,000) as history, the dispatcher's claim timed over
 *       them; then MAILS pending notifications (default 5,000) due now: the time until the
 *       node's dispatcher has sent them all to the sink.</li>
 * </ol>
 *
 * <p>Arguments: base URL, bootstrap password, JDBC URL, superuser, its password, application
 * user, its password, [open] [due] [sent] [mails].
 */
public final class SlaBench {

    private SlaBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchHttp api = new BenchHttp(args[0], Duration.ofMinutes(10));
        int open = args.length > 7 ? Integer.parseInt(args[7]) : 1_000_000;
        int due = args.length > 8 ? Integer.parseInt(args[8]) : 10_000;
        int sent = args.length > 9 ? Integer.parseInt(args[9]) : 1_000_000;
        int mails = args.length > 10 ? Integer.parseInt(args[10]) : 5_000;
        String provider = api.token("provider", "admin", args[1]);
        String tenant = api.newTenant(provider, "sla", "Europe/Moscow").id();

        try (Connection su = DriverManager.getConnection(args[2], args[3], args[4]);
             Connection app = DriverManager.getConnection(args[2], args[5], args[6]);
             Statement s = su.createStatement()) {
            long t0 = System.nanoTime();
            String project = one(su, "insert into projects (tenant_id, id, code, name, created_at, updated_at) "
                    + "values ('" + tenant + "', gen_random_uuid(), 'SLA', 'SLA bench', now(), now()) returning id::text");
            s.execute("set session_replication_role = replica"); // no search triggers for the bulk load
            for (int from = 1; from <= open; from += 100_000) {
                int to = Math.min(open, from + 99_999);
                s.execute(requests(tenant, project, from, to, "now() + interval '1 hour' + interval '1 second' * (g % 2592000)"));
            }
            s.execute("set session_replication_role = origin");
            s.execute("vacuum analyze requests");
            System.out.printf("%,d open requests written in %.1f s%n", open, (System.nanoTime() - t0) / 1e9);

            time(app, "SLA claim (200 due rows, none due)", """
                    select sla_due_at, tenant_id, id from requests where sla_due_at <= now()
                     order by sla_due_at, tenant_id, id limit 200 for update skip locked""");
            time(app, "SLA next deadline", "select min(sla_due_at) from requests where sla_due_at > now()");

            long before = count(su, "select count(*) from request_history where action = 'overdue'");
            long t1 = System.nanoTime();
            s.execute(requests(tenant, project, open + 1, open + due, "now() - interval '1 second' * (g % 3600)"));
            long t2 = System.nanoTime();
            while (count(su, "select count(*) from request_history where action = 'overdue'") - before < due) {
                Thread.sleep(200);
            }
            double total = (System.nanoTime() - t2) / 1e9;
            double span = Double.parseDouble(one(su, "select extract(epoch from max(at) - min(at))::text from request_history "
                    + "where action = 'overdue'"));
            System.out.printf("%,d due requests written in %.1f s; all escalated %.1f s after the commit "
                    + "(the sweep's own span %.1f s: %,.0f requests/s); escalated twice: %d%n", due, (t2 - t1) / 1e9, total,
                    span, due / Math.max(span, 0.001), count(su, "select count(*) - count(distinct request_id) from request_history "
                            + "where action = 'overdue' and changes->0->>'field' = 'sla.reaction'"));

            long t3 = System.nanoTime();
            for (int from = 0; from < sent; from += 200_000) {
                int n = Math.min(200_000, sent - from);
                s.execute("insert into request_notifications (tenant_id, event, recipient, status, subject, body, attempts, at, sent_at) "
                        + "select '" + tenant + "', 'registered', 'c' || g || '@example.org', 'SENT', 'Request #' || g, 'Body', 1, "
                        + "now() - interval '1 day', now() - interval '1 day' from generate_series(1, " + n + ") g");
            }
            s.execute("vacuum analyze request_notifications");
            System.out.printf("%,d sent notifications written in %.1f s%n", sent, (System.nanoTime() - t3) / 1e9);
            time(app, "outbox claim (20 rows, none due)", """
                    update request_notifications set next_attempt_at = now() + interval '5 minutes'
                     where id in (select id from request_notifications where status = 'PENDING' and next_attempt_at <= now()
                                   order by next_attempt_at, id limit 20 for update skip locked)
                    returning id, tenant_id, request_id, event, recipient, subject, body, attempts""");

            long t4 = System.nanoTime();
            s.execute("insert into request_notifications (tenant_id, event, recipient, status, subject, body, attempts, "
                    + "next_attempt_at, at) select '" + tenant + "', 'overdue', 'm' || g || '@example.org', 'PENDING', "
                    + "'Request #' || g || ' is overdue', 'Request #' || g || ' is overdue: reaction.', 0, now(), now() "
                    + "from generate_series(1, " + mails + ") g");
            long t5 = System.nanoTime();
            while (count(su, "select count(*) from request_notifications where status = 'PENDING'") > 0) {
                Thread.sleep(200);
            }
            double sending = (System.nanoTime() - t5) / 1e9;
            double mailSpan = Double.parseDouble(one(su, "select extract(epoch from max(sent_at) - min(sent_at))::text "
                    + "from request_notifications where event = 'overdue' and status = 'SENT' and request_id is null"));
            System.out.printf("%,d pending notifications written in %.1f s; all sent %.1f s after the commit (the "
                    + "dispatcher's own span %.1f s: %,.0f mails/s); failed: %d%n", mails, (t5 - t4) / 1e9,
                    sending, mailSpan, mails / Math.max(mailSpan, 0.001),
                    count(su, "select count(*) from request_notifications where status = 'FAILED'"));
        }
    }

    private static String requests(String tenant, String project, int from, int to, String reactionDue) {
        return "insert into requests (tenant_id, id, number, project_id, type_code, status_code, subject, channel, "
                + "reaction_due_at, resolution_due_at, created_at, updated_at) select '" + tenant + "', gen_random_uuid(), g, '"
                + project + "', 'general', 'new', 'Заявка ' || g, 'API', " + reactionDue + ", now() + interval '31 days', "
                + "now() - interval '1 hour', now() - interval '1 hour' from generate_series(" + from + ", " + to + ") g";
    }

    /** Runs {@code sql} 200 times in rolled-back transactions in the system scope; prints p50/p99 and one plan. */
    private static void time(Connection app, String what, String sql) throws Exception {
        app.setAutoCommit(false);
        long[] ns = new long[200];
        try (Statement s = app.createStatement()) {
            for (int i = 0; i < ns.length; i++) {
                s.execute("select set_config('linia.system', 'on', true)");
                long t = System.nanoTime();
                s.execute(sql);
                ns[i] = System.nanoTime() - t;
                app.rollback();
            }
            s.execute("select set_config('linia.system', 'on', true)");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers, costs off) " + sql)) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
            app.rollback();
            Arrays.sort(ns);
            System.out.printf("%s: p50 %.2f ms, p99 %.2f ms%n%s", what, ns[100] / 1e6, ns[197] / 1e6, plan);
        } finally {
            app.setAutoCommit(true);
        }
    }

    private static String one(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        return Long.parseLong(one(c, sql));
    }
}
