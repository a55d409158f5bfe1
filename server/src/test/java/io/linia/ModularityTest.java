package io.linia;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk only through each other's published root packages, with no cycles (ARCHITECTURE.md). */
class ModularityTest {

    @Test
    void moduleBoundariesHold() {
        ApplicationModules.of(LiniaApplication.class).verify();
    }
}
