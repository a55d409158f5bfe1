package io.linia.requests.internal;

import io.linia.kb.RequestTypeCatalog;
import io.linia.platform.TenantId;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestSetups;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * KB-1: the request types a knowledge-base article may be tied to — the types of every project of
 * the tenant (switched-off ones too: their requests still exist), a project without a setup of
 * its own having the default one.
 */
@Component
class KbRequestTypes implements RequestTypeCatalog {

    private final Projects projects;
    private final RequestSetups setups;

    KbRequestTypes(Projects projects, RequestSetups setups) {
        this.projects = projects;
        this.setups = setups;
    }

    @Override
    public Set<String> codes(TenantId tenant) {
        Map<UUID, ProjectSetup> stored = setups.all(tenant);
        Set<String> out = new TreeSet<>();
        for (ProjectView p : projects.list(tenant, false)) {
            ProjectSetup s = stored.getOrDefault(p.id(), SetupRules.defaults());
            s.types().forEach(t -> out.add(t.code().toLowerCase(Locale.ROOT)));
        }
        return out;
    }
}
