package io.linia.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.linia.LiniaApplication;
import io.linia.platform.db.EmbeddedDatabase;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong master key fails loudly at start (SEC-5): a second node is started against the same database. */
@IntegrationTest
class MasterKeyStartupIT {

    @Autowired
    EmbeddedDatabase database;
    @Autowired
    TenantCrypto crypto;
    @Autowired
    TestTenants tenants;

    @Test
    void aNodeWithAnotherMasterKeyRefusesToStartAndSaysWhichSettingToFix() {
        crypto.encrypt(tenants.create().id(), new byte[] {42}, null);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LiniaApplication.class)
                .profiles("test")
                .run("--linia.db.url=" + database.jdbcUrl(), "--linia.crypto.master-key=" + otherKey,
                        "--server.port=0", "--linia.crypto.rewrap-initial-delay=PT1H")
                .close());

        MasterKeyException cause = causeOfType(failure, MasterKeyException.class);
        assertThat(cause).as("start-up failure %s", failure).isNotNull();
        assertThat(cause.getMessage()).contains("Wrong master key", "linia.crypto.master-key-file", "LINIA_MASTER_KEY");
        assertThat(crypto.encrypt(tenants.create().id(), new byte[] {1}, null)).as("this node still works").isNotEmpty();
    }

    static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
