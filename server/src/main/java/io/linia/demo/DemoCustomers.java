package io.linia.demo;

import io.linia.customers.Author;
import io.linia.customers.CustomFieldDraft;
import io.linia.customers.CustomerDraft;
import io.linia.customers.CustomerFields;
import io.linia.customers.CustomerView;
import io.linia.customers.Customers;
import io.linia.platform.TenantId;
import io.linia.telephony.sim.SimulatedSwitch;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sample customers for the demo tenant (issue 6): organizations and people with Russian
 * names, phones in the forms people type them, e-mails, notes and a "segment" custom field;
 * calls of the past days from some of them (stored as a history import would, so the card's
 * timeline shows them at once) and, on every start, a few of them calling the queues on the
 * simulated switch, so matching by caller number shows a card for a live call. Created only
 * when the tenant has no cards. After that, one in four of the steady demo calls comes from
 * one of these people ({@link #knownNumbers()}, set on the traffic by {@link DemoContactCenter}).
 */
@Component
class DemoCustomers {

    /** Organizations: name, city, phone, e-mail. */
    private static final String[][] ORGANIZATIONS = {
            {"ООО «Ромашка»", "Москва", "+7 495 200-10-01", "office@romashka.example"},
            {"АО «Север-Телеком»", "Санкт-Петербург", "8 (812) 300-20-02", "info@sever-telecom.example"},
            {"ООО «Вектор»", "Казань", "8 843 210-30-03", "hello@vector.example"},
    };
    /** People: last, first, middle name, organization index or -1, city, phone, e-mail, segment. */
    private static final String[][] PEOPLE = {
            {"Иванов", "Иван", "Петрович", "0", "Москва", "8 (495) 123-45-67", "ivanov@romashka.example", "VIP"},
            {"Петрова", "Анна", "Сергеевна", "0", "Москва", "+7 916 123-45-68", "petrova@romashka.example", "regular"},
            {"Смирнов", "Алексей", "Игоревич", "1", "Санкт-Петербург", "8 921 555-12-34", "smirnov@sever-telecom.example", "VIP"},
            {"Кузнецова", "Мария", "Андреевна", "1", "Санкт-Петербург", "+7 (812) 300-20-05", null, "regular"},
            {"Соколов", "Дмитрий", null, "2", "Казань", "8 987 111-22-33", "sokolov@vector.example", "regular"},
            {"Попова", "Елена", "Викторовна", "-1", "Тверь", "8 (915) 700-00-07", "e.popova@mail.example", "new"},
            {"Лебедев", "Сергей", null, "-1", "Москва", "8 926 345-67-89", null, "regular"},
            {"Новикова", "Ольга", "Павловна", "-1", "Екатеринбург", "+7 343 222-33-44", "olga.n@mail.example", "new"},
            {"Морозов", "Андрей", "Николаевич", "-1", "Новосибирск", "8 913 456-78-90", null, "regular"},
            {"Волкова", "Татьяна", null, "-1", "Москва", "+7 903 765-43-21", "volkova@mail.example", "VIP"},
            {"Smith", "John", null, "-1", "London", "+44 20 7946 0958", "john.smith@example.com", "regular"},
            {"Fischer", "Anna", null, "-1", "Berlin", "+49 30 1234567", "anna.fischer@example.de", "new"},
    };

    private final Customers customers;
    private final CustomerFields fields;
    private final JdbcClient jdbc;
    private final SimulatedSwitch sim;
    private final Clock clock;

    DemoCustomers(Customers customers, CustomerFields fields, JdbcClient jdbc, SimulatedSwitch sim, Clock clock) {
        this.customers = customers;
        this.fields = fields;
        this.jdbc = jdbc;
        this.sim = sim;
        this.clock = clock;
    }

    /** Creates the sample cards and their past calls (once); returns the people's first phones in E.164. */
    List<String> seed(TenantId tenant, UUID queue, List<UUID> agents) {
        if (!customers.search(tenant, null, 1, null).items().isEmpty()) {
            return List.of();
        }
        if (fields.list(tenant).stream().noneMatch(f -> f.key().equals("segment"))) {
            fields.create(tenant, new CustomFieldDraft("segment", "Сегмент / Segment", "CHOICE", false, false,
                    List.of("VIP", "regular", "new"), 0, null));
        }
        Author demo = new Author(null, "demo");
        List<UUID> orgs = new ArrayList<>();
        for (String[] o : ORGANIZATIONS) {
            orgs.add(customers.create(tenant, new CustomerDraft("ORGANIZATION", o[0], null, null, null, null, null, null,
                    null, null, null, o[1], null, null, List.of(new CustomerDraft.PhoneInput(o[2], "office")),
                    List.of(new CustomerDraft.EmailInput(o[3], null)), List.of(), Map.of(), null), demo).id());
        }
        List<String> numbers = new ArrayList<>();
        for (String[] p : PEOPLE) {
            int org = Integer.parseInt(p[3]);
            CustomerView card = customers.create(tenant, new CustomerDraft("PERSON", null, null, null, p[0], p[1], p[2],
                    null, org < 0 ? null : orgs.get(org).toString(), null, null, p[4], null, null,
                    List.of(new CustomerDraft.PhoneInput(p[5], "mobile")),
                    p[6] == null ? List.of() : List.of(new CustomerDraft.EmailInput(p[6], null)),
                    numbers.size() % 3 == 0 ? List.of("Демо-клиент: звонит в первой половине дня") : List.of(),
                    Map.of("segment", p[7]), null), demo);
            numbers.add(card.phones().get(0).number());
        }
        pastCalls(tenant, numbers.subList(0, 8), queue, agents);
        return numbers;
    }

    /** Two answered calls in the past days from each number, as a history import stores them (not yet normalized). */
    private void pastCalls(TenantId tenant, List<String> numbers, UUID queue, List<UUID> agents) {
        Instant now = clock.instant();
        for (int i = 0; i < numbers.size(); i++) {
            for (int k = 0; k < 2; k++) {
                Instant arrived = now.minus(Duration.ofHours(20L * (i + 1) + 97L * k));
                long wait = 5_000L + 3_000L * k;
                long talk = 60_000L + 45_000L * i;
                // the switch gives the national form 8…, as many Russian carriers do
                String caller = "8" + numbers.get(i).substring(2);
                jdbc.sql("""
                        insert into calls (tenant_id, id, direction, caller, dialled, queue_id, agent_id, arrived_at,
                            connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by)
                        values (?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'answered', 'caller') on conflict do nothing""")
                        .params(tenant.value(), "demo-crm-" + i + "-" + k, numbers.get(i).startsWith("+7") ? caller
                                        : numbers.get(i), DemoContactCenter.INFORMATION, queue,
                                agents.get((i + k) % agents.size()), Timestamp.from(arrived),
                                Timestamp.from(arrived.plusMillis(wait)), Timestamp.from(arrived.plusMillis(wait + talk)),
                                wait, talk)
                        .update();
            }
        }
    }

    /**
     * The sample people's phones in E.164, whether or not this start created their cards: the demo's
     * steady traffic takes a share of its callers from them, so a known customer's card pops up.
     */
    static List<String> knownNumbers() {
        List<String> numbers = new ArrayList<>();
        for (String[] p : PEOPLE) {
            numbers.add(io.linia.customers.PhoneNumbers.normalize(p[5], io.linia.customers.PhoneNumbers.DEFAULT_REGION).e164());
        }
        return List.copyOf(numbers);
    }

    /** A few sample customers call the information queue now (first start only), so a live call finds its card. */
    void callNow(TenantId tenant, List<String> numbers) {
        for (int i = 0; i < Math.min(3, numbers.size()); i++) {
            sim.placeCall(tenant, numbers.get(i), DemoContactCenter.INFORMATION, Duration.ofMinutes(3));
        }
    }
}
