package io.linia.telephony;

import io.linia.platform.TenantId;

/** The port of each tenant's switch (TEL-7 chooses which: the simulated one unless the tenant's Asterisk is connected over ARI). */
public interface TelephonyPorts {

    TelephonyPort port(TenantId tenant);

    /** Whether the tenant's calls run on the simulated switch (its control API is refused otherwise). */
    default boolean simulated(TenantId tenant) {
        return true;
    }
}
