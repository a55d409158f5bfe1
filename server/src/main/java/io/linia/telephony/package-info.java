/**
 * The telephony port (TEL-1): one interface between the platform and any switch. The root
 * package is the module's API — {@link io.linia.telephony.TelephonyPort} (commands),
 * {@link io.linia.telephony.TelephonyEvents} (what the switch reports, implemented by the
 * modules that route calls) and {@link io.linia.telephony.TelephonyPorts} (the port of a
 * tenant). Adapters live in sub-packages; nothing outside them knows which switch is behind
 * the port. {@code sim} is the simulated switch (TEL-5).
 */
package io.linia.telephony;
