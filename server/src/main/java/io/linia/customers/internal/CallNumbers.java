package io.linia.customers.internal;

import io.linia.customers.Customers;
import io.linia.customers.PhoneNumbers;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code calls.customer_e164} (V60): the external party of each call (the caller of an inbound
 * call, the dialled number of an outbound one) normalized with {@link PhoneNumbers} and the
 * tenant's default region, {@code ''} when it is no number (anonymous, an internal extension).
 * The ACD and the history imports store each call with it ({@link Customers#callNumbers});
 * what is still stored without it (rows from before V60, the demo's written history) is filled
 * here every few seconds, and a timeline fills its tenant's pending calls before it reads, so
 * it never misses one. The ACD's tables are read and written here only through this one column.
 */
@Component
public class CallNumbers {

    private static final Logger log = LoggerFactory.getLogger(CallNumbers.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    private final Customers customers;

    CallNumbers(JdbcClient jdbc, DataSource dataSource, Customers customers) {
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
        this.customers = customers;
    }

    /** Fills the tenant's pending calls; returns how many. */
    public int fill(TenantId tenant) {
        java.util.function.UnaryOperator<String> e164 = customers.callNumbers(tenant);
        int total = 0;
        while (true) {
            record Pending(String id, String number) {
            }
            List<Pending> pending = jdbc.sql("""
                    select id, case when direction = 'outbound' then dialled else caller end from calls
                     where tenant_id = ? and customer_e164 is null limit ?""")
                    .params(tenant.value(), BATCH).query((rs, i) -> new Pending(rs.getString(1), rs.getString(2))).list();
            if (pending.isEmpty()) {
                return total;
            }
            List<Object[]> rows = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                rows.add(new Object[] {e164.apply(p.number()), tenant.value(), p.id()});
            }
            batch.batchUpdate("update calls set customer_e164 = ? where tenant_id = ? and id = ? and customer_e164 is null",
                    rows);
            total += pending.size();
            if (pending.size() < BATCH) {
                return total;
            }
        }
    }

    /** Every tenant with pending calls, one after another. */
    @Scheduled(fixedDelayString = "${linia.customers.call-numbers-interval:PT5S}", initialDelayString = "PT10S")
    public void fillAll() {
        List<UUID> tenants = TenantContext.asSystem(() -> jdbc.sql(
                "select distinct tenant_id from calls where customer_e164 is null").query(UUID.class).list());
        for (UUID t : tenants) {
            TenantId tenant = new TenantId(t);
            try {
                int n = TenantContext.as(tenant, () -> fill(tenant));
                log.debug("call numbers of tenant {}: {}", t, n);
            } catch (RuntimeException e) {
                log.warn("call numbers of tenant {} not filled: {}", t, e.toString());
            }
        }
    }
}
