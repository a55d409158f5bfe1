/**
 * The simulated switch (TEL-5): virtual callers, traffic profiles and virtual agents behind the
 * telephony port. Published as the named interface {@code sim} because the demo set-up and the
 * simulator's control API drive it directly.
 */
@org.springframework.modulith.NamedInterface("sim")
package io.linia.telephony.sim;
