package io.linia.customers.internal;

import io.linia.customers.CardMark;
import io.linia.customers.CardMarks;
import io.linia.customers.CustomerView;
import io.linia.platform.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Puts the {@link CardMarks} providers' marks on a card view (the API and the card page). */
@Component
public class Marks {

    private final List<CardMarks> providers;

    Marks(List<CardMarks> providers) {
        this.providers = List.copyOf(providers);
    }

    public CustomerView on(TenantId tenant, CustomerView card) {
        List<CardMark> marks = new ArrayList<>();
        providers.forEach(p -> marks.addAll(p.marks(tenant, card.id())));
        return card.withMarks(marks);
    }
}
