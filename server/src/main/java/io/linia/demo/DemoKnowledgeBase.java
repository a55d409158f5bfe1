package io.linia.demo;

import io.linia.acd.IvrService;
import io.linia.acd.IvrView;
import io.linia.acd.QueueService;
import io.linia.acd.QueueView;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.kb.ArticleDraft;
import io.linia.kb.ArticleTies;
import io.linia.kb.ArticleView;
import io.linia.kb.Author;
import io.linia.kb.KbArticles;
import io.linia.kb.KbReader;
import io.linia.kb.KbTopics;
import io.linia.kb.TopicDraft;
import io.linia.kb.TopicView;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.List;
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
 * The demo tenant's knowledge base (KB-1..5): three topics — information, technical support, and
 * staff regulations readable by staff roles only — with published articles in Russian and
 * English, tied to the demo queues 100 and 200, the 8800 IVR's choices and topics and a request
 * type, so a demo call brings its articles and search has something to find. Written only when
 * the tenant has no topics, so an administrator's changes are never overwritten.
 */
@Component
@Order(30) // after the demo requests: articles are tied to their request types
class DemoKnowledgeBase implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoKnowledgeBase.class);
    private static final KbReader EDITOR = new KbReader(null, true);
    private static final Author AUTHOR = new Author(null, "Linia demo");

    private final TenantService tenants;
    private final KbTopics topics;
    private final KbArticles articles;
    private final QueueService queues;
    private final IvrService ivrs;
    private final boolean enabled;
    private final List<io.linia.kb.RequestTypeCatalog> requestTypeCatalogs;

    DemoKnowledgeBase(TenantService tenants, KbTopics topics, KbArticles articles, QueueService queues, IvrService ivrs,
                      @Value("${linia.bootstrap.demo:true}") boolean enabled,
                      List<io.linia.kb.RequestTypeCatalog> requestTypeCatalogs) {
        this.requestTypeCatalogs = requestTypeCatalogs;
        this.tenants = tenants;
        this.topics = topics;
        this.articles = articles;
        this.queues = queues;
        this.ivrs = ivrs;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Optional<Tenant> demo = tenants.findByCode("demo");
        demo.ifPresent(t -> {
            try {
                TenantContext.as(t.id(), () -> setUp(t.id()));
            } catch (RuntimeException e) {
                // sample data must never keep the platform from starting
                log.warn("The demo knowledge base was not written: {}", e.toString());
            }
        });
    }

    /** Those of the demo project's request types (docs/requests.md) the tenant has: a manager may have removed them. */
    private List<String> requestTypes(TenantId tenant, String... wanted) {
        java.util.Set<String> known = new java.util.HashSet<>();
        requestTypeCatalogs.forEach(c -> known.addAll(c.codes(tenant)));
        return java.util.Arrays.stream(wanted).filter(known::contains).toList();
    }

    /** Writes the sample knowledge base unless the tenant has topics already; the number of articles written. */
    int setUp(TenantId tenant) {
        if (!topics.list(tenant, EDITOR).isEmpty()) {
            return 0;
        }
        UUID information = queue(tenant, DemoContactCenter.INFORMATION);
        UUID support = queue(tenant, DemoContactCenter.SUPPORT);
        UUID ivr = ivrs.list(tenant).stream().filter(i -> i.number().equals(DemoContactCenter.IVR)).map(IvrView::id)
                .findFirst().orElse(null);

        TopicView info = topics.create(tenant, new TopicDraft("Справочная / Information", null, 0, List.of(), null));
        TopicView tech = topics.create(tenant, new TopicDraft("Техподдержка / Technical support", null, 1, List.of(), null));
        TopicView staff = topics.create(tenant, new TopicDraft("Регламенты для персонала / Staff regulations", null, 2,
                List.of("administrator", "operator", "project_manager", "project_group_manager", "hr"), null));

        int n = 0;
        n += article(tenant, info, "Часы работы и адреса офисов", """
                Контакт-центр работает **круглосуточно**. Офисы обслуживания:

                | город | адрес | часы |
                |---|---|---|
                | Москва | ул. Тверская, 1 | 9:00–21:00 |
                | Казань | ул. Баумана, 10 | 10:00–20:00 |

                Если абонент спрашивает про выходные дни — офисы открыты в субботу до 18:00.
                """, ties(information, null, null, "information", null));
        n += article(tenant, info, "Opening hours and offices", """
                The contact center answers **around the clock**. Service offices are open 9:00–21:00 on weekdays
                and until 18:00 on Saturdays. Billing questions (invoices, charges, refunds) go to the billing desk.
                """, ties(information, null, null, "information", null));
        n += article(tenant, tech, "Интернет не работает: что проверить", """
                1. Попросите абонента перезагрузить роутер (выключить на 30 секунд).
                2. Проверьте баланс: при долге доступ приостанавливается.
                3. Если не помогло — зарегистрируйте **заявку** на выезд мастера с типом «Неисправность».
                """, ties(support, ivr, "2", "support", null));
        n += article(tenant, tech, "Как принять заявку", """
                Заявка регистрируется в карточке клиента: тип, описание, удобное время.
                Назовите абоненту номер заявки и срок ответа. Жалобы передаются руководителю проекта.
                """, new ArticleTies(support == null ? null : List.of(support), List.of(DemoContactCenter.IVR),
                requestTypes(tenant, "complaint", "question"), null, List.of("support")));
        n += article(tenant, staff, "Перерывы и паузы операторов", """
                Оператор берёт паузу только через статус «Перерыв». Обед — 30 минут, технический перерыв —
                до 10 минут в час. Превышение согласуется с супервизором.
                """, ArticleTies.NONE);
        n += article(tenant, staff, "Staff regulations: breaks", """
                Take a break only through the "Break" status. Lunch is 30 minutes; short breaks up to 10 minutes an
                hour. Longer breaks need the supervisor's approval.
                """, ArticleTies.NONE);
        log.info("Demo knowledge base written: 3 topics, {} articles", n);
        return n;
    }

    private int article(TenantId tenant, TopicView topic, String title, String markdown, ArticleTies ties) {
        ArticleView a = articles.create(tenant, EDITOR, new ArticleDraft(topic.id(), title, markdown, null), AUTHOR);
        articles.publish(tenant, EDITOR, a.id(), null);
        if (ties != ArticleTies.NONE) {
            articles.setTies(tenant, a.id(), ties);
        }
        return 1;
    }

    /** Ties to what exists: a demo set up without queues or an IVR gets the topic ties only. */
    private static ArticleTies ties(UUID queue, UUID ivr, String key, String topic, String requestType) {
        return new ArticleTies(queue == null ? null : List.of(queue), null,
                requestType == null ? null : List.of(requestType),
                ivr == null ? null : List.of(new ArticleTies.IvrChoice(ivr, "main", key)), List.of(topic));
    }

    private UUID queue(TenantId tenant, String number) {
        return queues.list(tenant).stream().filter(q -> q.number().equals(number)).map(QueueView::id).findFirst().orElse(null);
    }
}
