/**
 * Cross-cutting platform pieces: tenant context and the row-level-security lock, the
 * database (embedded or external), the clock, web error mapping. No business rules here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.linia.platform;
