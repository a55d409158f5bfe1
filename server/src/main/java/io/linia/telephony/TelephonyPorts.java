package io.linia.telephony;

import io.linia.platform.TenantId;

/** The port of each tenant's switch (TEL-7 chooses which; until then the simulated one). */
public interface TelephonyPorts {

    TelephonyPort port(TenantId tenant);
}
