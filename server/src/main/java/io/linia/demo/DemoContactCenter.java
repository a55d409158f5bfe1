package io.linia.demo;

import io.linia.acd.QueueService;
import io.linia.acd.QueueSettings;
import io.linia.acd.QueueView;
import io.linia.identity.NewUser;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.identity.UserQuery;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.sim.SimulatedSwitch;
import java.util.ArrayList;
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
 * Sets up the demo tenant's calls: queues 100 (information) and 200 (technical support,
 * overflowing to 100 after five minutes), an IVR on 8800 in front of both, six virtual agents (extensions 301–306, users
 * {@code virtual1…6} that never sign in), and traffic of 60 + 40 calls an hour straight to the queues and 50 through the IVR,
 * one in four of them from a sample customer's phone. Creates only
 * what is missing, so restarts and an administrator's changes are respected.
 */
@Component
@Order(10)
class DemoContactCenter implements ApplicationRunner {

    static final String INFORMATION = "100";
    static final String SUPPORT = "200";
    static final String IVR = "8800";
    /** The share of the steady calls that come from the sample customers' phones. */
    static final double KNOWN_CALLER_SHARE = 0.25;

    private static final Logger log = LoggerFactory.getLogger(DemoContactCenter.class);

    private final TenantService tenants;
    private final UserService users;
    private final QueueService queues;
    private final SimulatedSwitch sim;
    private final io.linia.acd.IvrService ivrs;
    private final boolean enabled;
    private final DemoHistory history;
    private final java.time.Clock clock;
    private final DemoCustomers customers;

    DemoContactCenter(TenantService tenants, UserService users, QueueService queues, SimulatedSwitch sim,
                      io.linia.acd.IvrService ivrs, @Value("${linia.bootstrap.demo:true}") boolean enabled,
                      DemoHistory history, java.time.Clock clock, DemoCustomers customers) {
        this.customers = customers;
        this.history = history;
        this.clock = clock;
        this.ivrs = ivrs;
        this.tenants = tenants;
        this.users = users;
        this.queues = queues;
        this.sim = sim;
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
        TenantContext.as(tenant, () -> setUp(tenant));
        // two weeks of history for the reports, after start-up rather than in its way
        java.time.ZoneId zone = java.time.ZoneId.of(demo.get().timeZone());
        Thread filler = new Thread(() -> {
            try {
                TenantContext.as(tenant, () -> history.fill(tenant, java.time.LocalDate.ofInstant(clock.instant(), zone), zone));
            } catch (RuntimeException e) {
                log.warn("Demo history not written: {}", e.getMessage());
            }
        }, "linia-demo-history");
        filler.setDaemon(true);
        filler.start();
    }

    void setUp(TenantId tenant) {
        QueueView information = queue(tenant, INFORMATION, "Справочная / Information", null);
        QueueView support = queue(tenant, SUPPORT, "Техподдержка / Support", information.id());
        List<String> endpoints = new ArrayList<>();
        List<UUID> agents = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String extension = "30" + i;
            UUID agent = virtualAgent(tenant, i, extension);
            agents.add(agent);
            endpoints.add(extension);
            if (i <= 4) {
                join(tenant, information, agent);
            }
            if (i >= 3) {
                join(tenant, support, agent);
            }
        }
        ivr(tenant, information, support);
        List<String> customerNumbers = customers.seed(tenant, information.id(), agents);
        // one call in four from a sample customer, so the operator's card pops up with history (issue 7, WS-4)
        List<String> known = DemoCustomers.knownNumbers();
        sim.startTraffic(tenant, new SimulatedSwitch.Traffic(List.of(
                new SimulatedSwitch.Stream(INFORMATION, 60, 180.0).withKnownCallers(known, KNOWN_CALLER_SHARE),
                new SimulatedSwitch.Stream(SUPPORT, 40, 240.0).withKnownCallers(known, KNOWN_CALLER_SHARE),
                new SimulatedSwitch.Stream(IVR, 50, 240.0, List.of("1", "2", "2", "9"))
                        .withKnownCallers(known, KNOWN_CALLER_SHARE)), endpoints, 3, 150, 1));
        customers.callNow(tenant, customerNumbers);
        log.info("Demo contact center running: queues {} and {}, {} virtual agents, simulated traffic",
                INFORMATION, SUPPORT, endpoints.size());
    }

    /** 8800: a menu (1 information, 2 support; nothing or a wrong key twice → information). */
    private void ivr(TenantId tenant, QueueView information, QueueView support) {
        if (ivrs.list(tenant).stream().anyMatch(i -> i.number().equals(IVR))) {
            return;
        }
        tools.jackson.databind.ObjectMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.JsonNode nodes = json.valueToTree(List.of(
                Map.of("id", "main", "type", "menu", "prompt", "welcome_press_1_or_2",
                        "options", Map.of("1", "info", "2", "help"), "timeoutSeconds", 5, "retries", 1,
                        "onFailure", "info"),
                Map.of("id", "info", "type", "queue", "queueId", information.id().toString(), "topic", "information"),
                Map.of("id", "help", "type", "queue", "queueId", support.id().toString(), "topic", "support")));
        ivrs.create(tenant, IVR, "Главное меню / Main menu", "main", nodes);
    }

    private void join(TenantId tenant, QueueView queue, UUID agent) {
        if (!queues.members(tenant, queue.id()).contains(agent.toString())) {
            queues.addMember(tenant, queue.id(), agent);
        }
    }

    private QueueView queue(TenantId tenant, String number, String name, UUID overflowTo) {
        return queues.list(tenant).stream().filter(q -> q.number().equals(number)).findFirst().orElseGet(() ->
                queues.create(tenant, new QueueSettings(number, name, "LONGEST_IDLE", Map.of(), 0, 20,
                        overflowTo == null ? null : 300, overflowTo == null ? "NONE" : "QUEUE",
                        overflowTo == null ? null : overflowTo.toString(), 0, 10, 20, true, false)));
    }

    private UUID virtualAgent(TenantId tenant, int i, String extension) {
        String login = "virtual" + i;
        List<UserView> found = users.search(tenant, new UserQuery(login, null, null, null, 10, null)).items();
        return found.stream().filter(u -> u.login().equals(login)).map(UserView::id).findFirst().orElseGet(() ->
                users.create(tenant, new NewUser(login, "Виртуальный оператор " + i, null, extension, null, "ru", null,
                        null, true, List.of("operator"), Map.of())));
    }
}
