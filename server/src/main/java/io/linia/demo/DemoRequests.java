package io.linia.demo;

import io.linia.customers.CustomerSummary;
import io.linia.customers.Customers;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.identity.UserQuery;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.projects.ProjectDraft;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.projects.VipDraft;
import io.linia.requests.Actor;
import io.linia.requests.ProjectSetup;
import io.linia.requests.ProjectSetup.Dictionary;
import io.linia.requests.ProjectSetup.Field;
import io.linia.requests.ProjectSetup.Operation;
import io.linia.requests.ProjectSetup.RequestType;
import io.linia.requests.ProjectSetup.Status;
import io.linia.requests.RequestDraft;
import io.linia.requests.RequestSetups;
import io.linia.requests.RequestView;
import io.linia.requests.Requests;
import io.linia.requests.Transition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo tenant's requests (issue 6): a project "Горячая линия ЖКХ / Utilities hot line"
 * (code {@code HOT}) with a constructor of two request types, a district dictionary, five
 * statuses and their operations, and eight sample requests in several statuses, linked to the
 * demo's customer cards when there are any (their first card is put on the VIP list). Runs only
 * when the project does not exist yet, so restarts and a manager's changes are respected.
 */
@Component
@Order(20)
class DemoRequests implements ApplicationRunner {

    static final String PROJECT = "HOT";

    private static final Logger log = LoggerFactory.getLogger(DemoRequests.class);
    private static final Actor DEMO = new Actor(null, "Demo", false, true);

    private final TenantService tenants;
    private final UserService users;
    private final Customers customers;
    private final Projects projects;
    private final RequestSetups setups;
    private final Requests requests;
    private final boolean enabled;

    DemoRequests(TenantService tenants, UserService users, Customers customers, Projects projects, RequestSetups setups,
                 Requests requests, @Value("${linia.bootstrap.demo:true}") boolean enabled) {
        this.tenants = tenants;
        this.users = users;
        this.customers = customers;
        this.projects = projects;
        this.setups = setups;
        this.requests = requests;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Optional<Tenant> demo = tenants.findByCode("demo");
        if (demo.isEmpty()) {
            return;
        }
        TenantId tenant = demo.get().id();
        try {
            TenantContext.as(tenant, () -> setUp(tenant));
        } catch (RuntimeException e) {
            log.warn("Demo requests not created: {}", e.getMessage());
        }
    }

    /** Creates the project, its setup and the sample requests; returns how many requests (0 when the project exists). */
    int setUp(TenantId tenant) {
        if (projects.byCode(tenant, PROJECT).isPresent()) {
            return 0;
        }
        List<UUID> executors = users.search(tenant, new UserQuery("virtual", null, null, null, 3, null)).items().stream()
                .map(UserView::id).toList();
        List<UUID> managers = users.search(tenant, new UserQuery("admin", null, null, null, 1, null)).items().stream()
                .map(UserView::id).toList();
        ProjectView project = projects.create(tenant, new ProjectDraft(PROJECT, "Горячая линия ЖКХ / Utilities hot line",
                "Жалобы и вопросы жителей / Residents' complaints and questions", true, managers, executors, null));
        setups.put(tenant, project.id(), new ProjectSetup(
                List.of(new Dictionary("districts", "Районы / Districts", List.of("Центральный", "Северный", "Южный"))),
                List.of(new RequestType("complaint", "Жалоба / Complaint", 60, 24 * 60,
                                List.of(new Field("address", "Адрес / Address", "TEXT", true, false, null),
                                        new Field("district", "Район / District", "CHOICE", false, false, "districts"),
                                        new Field("emergency", "Авария / Emergency", "BOOLEAN", false, false, null)),
                                executors, List.of()),
                        new RequestType("question", "Вопрос / Question", null, 3 * 24 * 60, List.of(), List.of(), List.of())),
                List.of(new Status("new", "Новое / New", true, false), new Status("in_work", "В работе / In work", false, false),
                        new Status("waiting", "Ждёт ответа / Waiting", false, false),
                        new Status("done", "Решено / Resolved", false, true), new Status("closed", "Закрыто / Closed", false, true)),
                List.of(new Operation("take", "Взять в работу / Take", List.of("new"), "in_work"),
                        new Operation("ask", "Запросить данные / Ask", List.of("in_work"), "waiting"),
                        new Operation("resume", "Продолжить / Resume", List.of("waiting"), "in_work"),
                        new Operation("resolve", "Решить / Resolve", List.of("in_work", "waiting"), "done"),
                        new Operation("close", "Закрыть / Close", List.of("done"), "closed"),
                        new Operation("reopen", "Открыть снова / Reopen", List.of("done", "closed"), "in_work")),
                List.of(), null, List.of(), 0));
        List<UUID> cards = customers.search(tenant, null, 8, null).items().stream().map(CustomerSummary::id).toList();
        if (!cards.isEmpty()) {
            projects.putVip(tenant, project.id(), cards.get(0), new VipDraft(90, "Demo VIP"));
        }
        String[][] samples = {
                {"complaint", "Протечка крыши в подъезде", "ул. Ленина, 10", "take,resolve,close"},
                {"complaint", "Нет горячей воды третий день", "ул. Мира, 5", "take"},
                {"complaint", "Не работает лифт", "пр. Победы, 21", ""},
                {"question", "Как передать показания счётчиков?", null, "take,resolve"},
                {"question", "Перерасчёт платы за отопление", null, "take,ask"},
                {"complaint", "Broken street light near the school", "Школьная ул., 3", "take"},
                {"question", "When is the water maintenance scheduled?", null, ""},
                {"complaint", "Заявка на уборку снега во дворе", "ул. Гагарина, 7", "take,resolve"}};
        int n = 0;
        for (String[] s : samples) {
            UUID customer = cards.isEmpty() ? null : cards.get(n % cards.size());
            Map<String, Object> fields = s[2] == null ? Map.of() : Map.of("address", s[2], "district", "Центральный");
            RequestView r = requests.create(tenant, new RequestDraft(project.id(), s[0], s[1], null, customer,
                    n % 2 == 0 ? "CALL" : "MANUAL", null, fields, null, null, null, null), DEMO, "MANUAL");
            for (String op : s[3].split(",")) {
                if (!op.isEmpty()) {
                    requests.transition(tenant, r.id(), new Transition(null, op, null, null), DEMO);
                }
            }
            n++;
        }
        log.info("Demo requests: project {} with {} requests", PROJECT, n);
        return n;
    }
}
