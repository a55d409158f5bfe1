/**
 * Queues, agents and the routing of calls (SPEC §6). The routing itself is the plain-Java
 * engine of the {@code acd-engine} module (docs/acd.md); this module hosts one engine per
 * tenant, feeds it from the telephony port, stores every call event (ACD-10) and agent state
 * interval (ACD-3), and offers queues to administrators and the agent API to operators.
 * The root package is the API: {@link io.linia.acd.QueueService}, {@link io.linia.acd.AgentService}.
 */
package io.linia.acd;
