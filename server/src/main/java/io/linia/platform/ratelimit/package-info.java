/** Token-bucket rate limits keyed by caller, on the application clock (SEC-9). */
package io.linia.platform.ratelimit;
