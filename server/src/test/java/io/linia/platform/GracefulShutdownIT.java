package io.linia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.LiniaApplication;
import io.linia.test.Api;
import io.linia.test.TestTenants;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OPS-6 basics: closing the application (what SIGTERM does) lets a running request finish
 * and refuses new ones. Runs an application of its own, with one deliberately slow endpoint.
 */
class GracefulShutdownIT {

    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @RestController
    static class SlowController {
        @GetMapping("/api/v1/test/slow")
        String slow() throws InterruptedException {
            ENTERED.countDown();
            RELEASE.await(20, TimeUnit.SECONDS);
            return "finished";
        }
    }

    @Test
    void aRunningRequestFinishesWhileTheServerShutsDown() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LiniaApplication.class, SlowController.class)
                .profiles("test")
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        Api api = new Api(port).as(TestTenants.providerToken(new Api(port)));

        CompletableFuture<Api.Response> running = CompletableFuture.supplyAsync(() -> api.get("/api/v1/test/slow"));
        assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);

        // shutdown waits for the running request: half a second later it is still not done
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> closing.get(500, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        // a new request is not served: refused, or left unanswered until it times out
        java.net.http.HttpClient probe = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(2)).build();
        int lateStatus;
        try {
            lateStatus = probe.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                    .timeout(java.time.Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            lateStatus = -1;
        }
        assertThat(lateStatus).isIn(-1, 503);

        RELEASE.countDown();
        Api.Response finished = running.get(10, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("finished");
        closing.get(30, TimeUnit.SECONDS);
        assertThat(app.isActive()).isFalse();
    }
}
