package io.linia.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Issue 6 customer benchmark (CRM-2, CRM-5): a tenant of CUSTOMERS cards (each with one or two
 * phones and mostly an e-mail) generated straight into the database by COPY, then
 * <ol>
 *   <li>caller lookup by number over the API ({@code GET /api/v1/customers/match?phone=}), the
 *       number in the forms switches give ({@code 8 (916) …}, {@code +7916…}, {@code 916…}),
 *       90% of them on a card, 10% on none; latency percentiles after a warm-up;</li>
 *   <li>a CSV import of IMPORT new customers (UTF-8, {@code ;}, a tenth of them with a
 *       second phone, a few duplicates of stored cards and within the file) through the API:
 *       upload, preview, run; the time of each step.</li>
 * </ol>
 * Usage: {@code CustomerBench <baseUrl> <providerPassword> <jdbcUrl> <dbUser> <dbPassword> [customers] [import] [lookups]}
 */
public final class CustomerBench {

    /** Mobile codes (all valid in libphonenumber's plan for RU), 10,000,000 numbers each. */
    static final int[] CODES = {916, 926, 903, 905, 915, 925, 985, 999, 964, 977};
    private static final Pattern FIELD = Pattern.compile("\"(status|rows|created|updated|skipped|rejected)\":(\"[^\"]*\"|[0-9]+)");

    public static void main(String[] args) throws Exception {
        BenchHttp api = new BenchHttp(args[0], Duration.ofMinutes(10));
        int customers = args.length > 5 ? Integer.parseInt(args[5]) : 1_000_000;
        int imports = args.length > 6 ? Integer.parseInt(args[6]) : 100_000;
        int lookups = args.length > 7 ? Integer.parseInt(args[7]) : 20_000;
        String provider = api.token("provider", "admin", args[1]);
        BenchHttp.Tenant crm = api.newTenant(provider, "crm", "Europe/Moscow");
        String op = operator(api, crm.adminToken());

        long t0 = System.nanoTime();
        generate(args[2], args[3], args[4], UUID.fromString(crm.id()), customers);
        System.out.printf("generated %,d customers in %.1f s (COPY, search keys, vacuum analyze)%n", customers,
                (System.nanoTime() - t0) / 1e9);

        BenchHttp.awaitGo();
        op = api.token("crm", "op", "Bench-Op-Pass-1x"); // changed at first sign-in; the wait may outlast an idle session (SEC-4)
        // first pass on a server that has just loaded the data (cold JIT and caches), then the
        // baseline, then a second pass over other numbers as a server that has run a while sees it
        lookup(api, op, customers, lookups, 7, "first pass");
        baseline(api, op, lookups);
        lookup(api, op, customers, lookups, 8, "second pass");
        databaseLookup(args[2], args[3], args[4], UUID.fromString(crm.id()), customers, lookups);
        importCsv(api, op, customers, imports);
    }

    /** An operator (CUSTOMER_VIEW and CUSTOMER_MANAGE) of the tenant, signed in. */
    private static String operator(BenchHttp api, String admin) {
        api.send("POST", "/api/v1/users", admin, "{\"login\":\"op\",\"fullName\":\"Оператор\",\"password\":\"Bench-Op-Pass-1\","
                + "\"roles\":[\"operator\"]}", 201);
        return api.passwordChanged("crm", "op", "Bench-Op-Pass-1");
    }

    /** The n-th generated number: code CODES[n % 10], subscriber n / 10 (so n < 100,000,000). */
    static String number(long n) {
        return String.format("+7%d%07d", CODES[(int) (n % CODES.length)], n / CODES.length);
    }

    static void generate(String url, String user, String password, UUID tenant, int n) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(6);
        String now = Instant.parse("2026-01-01T00:00:00Z").toString();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement st = c.createStatement()) {
                st.execute("select set_config('linia.tenant_id', '" + tenant + "', false)");
                // the list's search keys are written in one statement afterwards instead of a trigger per row
                st.execute("alter table customers disable trigger customers_search_sync");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Copier cards = new Copier(copy, "copy customers (tenant_id, id, kind, display_name, last_name, first_name, city,"
                    + " created_at, updated_at) from stdin");
            for (int i = 0; i < n; i++) {
                Names.Person p = Names.person(random, i);
                String[] parts = p.fullName().split(" ", 2);
                cards.row(tenant, new UUID(6, i), "PERSON", p.fullName(), parts[0], parts[1], CITIES[i % CITIES.length], now, now);
            }
            cards.end();
            report("customers", n, started);
            Copier phones = new Copier(copy, "copy customer_phones (tenant_id, customer_id, position, e164, raw) from stdin");
            long rows = 0;
            for (int i = 0; i < n; i++) {
                String e164 = number(i);
                phones.row(tenant, new UUID(6, i), 0, e164, e164);
                rows++;
                if (i % 5 == 0) { // a second phone on a fifth of the cards
                    String second = number(50_000_000L + i);
                    phones.row(tenant, new UUID(6, i), 1, second, second);
                    rows++;
                }
            }
            phones.end();
            report("phones", rows, started);
            Copier emails = new Copier(copy, "copy customer_emails (tenant_id, customer_id, position, address) from stdin");
            for (int i = 0; i < n; i++) {
                if (i % 4 != 3) {
                    emails.row(tenant, new UUID(6, i), 0, "c" + i + "@bench.example");
                }
            }
            emails.end();
            report("e-mails", n * 3L / 4, started);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        insert into customer_search (customer_id, tenant_id, name_key, search_key)
                        select id, tenant_id, lower(display_name), lower(concat_ws(E'\\n', display_name, holding, city))
                          from customers where tenant_id = '%s' on conflict do nothing""".formatted(tenant));
                st.execute("alter table customers enable trigger customers_search_sync");
                st.execute("vacuum analyze");
            }
            report("search keys, vacuum analyze", n, started);
        }
    }

    private static final String[] CITIES = {"Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Тверь"};

    static void lookup(BenchHttp api, String token, int customers, int lookups, long seed, String pass) {
        Random random = new Random(seed);
        Histogram hit = new Histogram(3_600_000_000L, 3);
        int warmUp = Math.min(2000, lookups / 5);
        int found = 0;
        for (int i = 0; i < warmUp + lookups; i++) {
            boolean miss = random.nextInt(10) == 0;
            long n = miss ? 90_000_000L + random.nextInt(9_000_000) : random.nextInt(customers);
            String e164 = number(n);
            String typed = switch (random.nextInt(3)) {
                case 0 -> "8 (" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8, 10) + "-"
                        + e164.substring(10);
                case 1 -> e164;
                default -> e164.substring(2);
            };
            long start = System.nanoTime();
            String body = api.send("GET", "/api/v1/customers/match?phone=" + URLEncoder.encode(typed, StandardCharsets.UTF_8),
                    token, null, 200);
            long micros = (System.nanoTime() - start) / 1000;
            if (i >= warmUp) {
                hit.recordValue(micros);
                if (body.length() > 2) {
                    found++;
                }
            }
        }
        System.out.printf("caller lookup over HTTP, %s, %,d requests (%,d found a card): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms%n", pass, lookups, found, hit.getValueAtPercentile(50) / 1000.0,
                hit.getValueAtPercentile(90) / 1000.0, hit.getValueAtPercentile(99) / 1000.0, hit.getMaxValue() / 1000.0);
    }

    /** The same requests' floor: an authenticated GET that reads one row (token check, filters, JSON). */
    static void baseline(BenchHttp api, String token, int lookups) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < lookups + Math.min(2000, lookups / 5); i++) {
            long start = System.nanoTime();
            api.send("GET", "/api/v1/customers/settings", token, null, 200);
            if (i >= Math.min(2000, lookups / 5)) {
                h.recordValue((System.nanoTime() - start) / 1000);
            }
        }
        System.out.printf("baseline GET /api/v1/customers/settings, %,d requests: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                lookups, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0);
    }

    /** The lookup's SQL alone (as Customers.match runs it), over JDBC on loopback. */
    static void databaseLookup(String url, String user, String password, UUID tenant, int customers, int lookups)
            throws Exception {
        Random random = new Random(9);
        Histogram h = new Histogram(3_600_000_000L, 3);
        try (Connection c = DriverManager.getConnection(url, user, password);
             var st = c.prepareStatement("with m as materialized (select customer_id from customer_phones"
                     + " where tenant_id = ? and e164 = ?) select distinct c.id, lower(c.display_name) as k from m"
                     + " join customers c on c.tenant_id = ? and c.id = m.customer_id order by k, c.id limit 50")) {
            for (int i = 0; i < lookups + 1000; i++) {
                st.setObject(1, tenant);
                st.setString(2, number(random.nextInt(customers)));
                st.setObject(3, tenant);
                long start = System.nanoTime();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                if (i >= 1000) {
                    h.recordValue((System.nanoTime() - start) / 1000);
                }
            }
        }
        System.out.printf("caller lookup SQL over JDBC, %,d queries: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n", lookups,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    static void importCsv(BenchHttp api, String token, int customers, int rows) throws Exception {
        Random random = new Random(8);
        StringBuilder csv = new StringBuilder(rows * 120);
        csv.append("Фамилия;Имя;Отчество;Телефон;Мобильный;E-mail;Город;Примечание\n");
        for (int i = 0; i < rows; i++) {
            Names.Person p = Names.person(random, i);
            String[] parts = p.fullName().split(" ", 2);
            // new numbers; every 1,000th is a stored card's (a duplicate), every 997th repeats the row before
            long n = i % 1000 == 999 ? random.nextInt(Math.max(1, customers)) : 60_000_000L + (i % 997 == 996 ? i - 1 : i);
            String e164 = number(n);
            String typed = "8 (" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8, 10) + "-"
                    + e164.substring(10);
            csv.append(parts[0]).append(';').append(parts[1]).append(";;").append(typed).append(';')
                    .append(i % 10 == 0 ? number(70_000_000L + i) : "").append(';')
                    .append(i % 3 == 0 ? "" : "imp" + i + "@bench.example").append(';').append(CITIES[i % CITIES.length])
                    .append(';').append(i % 50 == 0 ? "\"Перезвонить; после 18:00\"" : "").append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        String uploaded = upload(api, token, file);
        String id = BenchHttp.id(uploaded);
        long t1 = System.nanoTime();
        String preview = api.send("POST", "/api/v1/customers/imports/" + id + "/preview", token, "{}", 200);
        long t2 = System.nanoTime();
        String run = api.send("POST", "/api/v1/customers/imports/" + id + "/run", token, "{}", 200);
        long t3 = System.nanoTime();
        System.out.printf("CSV import of %,d records (%,d KB): upload %.1f s, preview %.1f s (%s), run %.1f s (%s); "
                        + "upload + run %.1f s%n", rows, file.length >> 10, (t1 - t0) / 1e9, (t2 - t1) / 1e9, fields(preview),
                (t3 - t2) / 1e9, fields(run), ((t1 - t0) + (t3 - t2)) / 1e9);
    }

    private static String fields(String body) {
        StringBuilder out = new StringBuilder();
        Matcher m = FIELD.matcher(body.length() > 2000 ? body.substring(0, 2000) : body);
        while (m.find()) {
            out.append(out.length() == 0 ? "" : " ").append(m.group(1)).append('=').append(m.group(2));
        }
        return out.toString();
    }

    private static String upload(BenchHttp api, String token, byte[] file) throws IOException, InterruptedException {
        String boundary = "----bench" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/api/v1/customers/imports"))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void report(String what, long rows, long started) {
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %-30s %,12d rows  %7.1f s%n", what, rows, s);
    }

    /** One COPY in PostgreSQL's text format, sent in chunks of a few MB. */
    private static final class Copier {
        private final CopyIn in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 22);

        Copier(CopyManager copy, String sql) throws java.sql.SQLException {
            this.in = copy.copyIn(sql);
        }

        void row(Object... values) throws java.sql.SQLException {
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(values[i] == null ? "\\N" : values[i].toString().replace("\\", "\\\\").replace("\t", " ")
                        .replace("\n", " "));
            }
            sb.append('\n');
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() >= 4 << 20) {
                flush();
            }
        }

        private void flush() throws java.sql.SQLException {
            in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }

        void end() throws java.sql.SQLException {
            flush();
            in.endCopy();
        }
    }
}
