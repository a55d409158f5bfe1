/**
 * Real-time statistics with the reference product's exact contracts (SPEC §8): RT-1
 * {@code GET /calls/statistics/current}, RT-2 {@code GET /rest/status/statistics}; the
 * WebSocket (RT-3..6) and the wallboard (RT-7) come next.
 */
package io.linia.realtime;
