/**
 * The demo contact center on first start (issue 3, item 8): in tenant {@code demo}, two
 * queues, six virtual agents and steady simulated traffic, so a newcomer who signs in sees
 * calls flow at once; and a sample project with its constructor and requests in several
 * statuses (issue 6, {@code DemoRequests}). Runs on every start when {@code LINIA_DEMO} is on (the default).
 */
package io.linia.demo;
