package io.linia.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** RT-8 against a real in-process Kafka broker: status and call events, keyed by tenant. */
@IntegrationTest
@EmbeddedKafka(partitions = 1, topics = {"linia.agent-status", "linia.calls"})
@TestPropertySource(properties = {"linia.bus=kafka", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
class KafkaBusIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void statusChangesAndCallsArePublishedKeyedByTenant() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID op = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + op, Map.of("extension", "201"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json().get("id").asString();

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "kafka-bus-it", false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            consumer.subscribe(List.of("linia.agent-status", "linia.calls"));
            api.as(acme.token(api, "op")).put("/api/v1/agent/queues/" + queue, null);
            String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "100"))
                    .json().get("callId").asString();

            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !(hasStatus(seen, op) && hasCall(seen, callId))) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            assertThat(hasStatus(seen, op)).as("a status event for the operator").isTrue();
            assertThat(hasCall(seen, callId)).as("a call event for the call").isTrue();
            assertThat(seen).filteredOn(r -> r.value().contains(callId))
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(acme.id().value().toString()));
        }
    }

    private static boolean hasStatus(List<ConsumerRecord<String, String>> records, UUID user) {
        return records.stream().filter(r -> r.topic().equals("linia.agent-status")).map(r -> Api.JSON.readTree(r.value()))
                .anyMatch(v -> v.get("data").get("userId").asString().equals(user.toString())
                        && v.get("type").asString().equals("on_user_status_changed"));
    }

    private static boolean hasCall(List<ConsumerRecord<String, String>> records, String callId) {
        return records.stream().filter(r -> r.topic().equals("linia.calls")).map(r -> Api.JSON.readTree(r.value()))
                .map(v -> (JsonNode) v.get("data")).anyMatch(d -> d.get("id").asString().equals(callId));
    }
}
