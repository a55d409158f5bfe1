package io.linia.realtime.internal;

import io.linia.acd.AgentStatusChanged;
import io.linia.acd.CallChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * RT-8: the same events the WebSocket carries, on Kafka for other systems, when
 * {@code linia.bus=kafka}. Keyed by tenant, so one tenant's events stay in order on one
 * partition. Values are JSON {@code {"tenant","type","data"}} with the WebSocket's data.
 */
@Component
@ConditionalOnProperty(name = "linia.bus", havingValue = "kafka")
class KafkaBus {

    private static final Logger log = LoggerFactory.getLogger(KafkaBus.class);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final String statusTopic;
    private final String callTopic;

    KafkaBus(KafkaTemplate<String, String> kafka, ObjectMapper json,
             @Value("${linia.bus.topics.status:linia.agent-status}") String statusTopic,
             @Value("${linia.bus.topics.calls:linia.calls}") String callTopic) {
        this.kafka = kafka;
        this.json = json;
        this.statusTopic = statusTopic;
        this.callTopic = callTopic;
    }

    @EventListener
    void on(AgentStatusChanged e) {
        send(statusTopic, e.tenant().value().toString(), LiveFeed.USER_STATUS, LiveFeed.statusData(e));
    }

    @EventListener
    void on(CallChanged e) {
        send(callTopic, e.tenant().value().toString(), LiveFeed.CALL_ACTION, e.call());
    }

    private void send(String topic, String tenant, String type, Object data) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tenant", tenant);
        value.put("type", type);
        value.put("data", data);
        kafka.send(topic, tenant, json.writeValueAsString(value)).whenComplete((r, ex) -> {
            if (ex != null) {
                log.warn("An event for Kafka topic {} was not delivered: {}", topic, ex.getMessage());
            }
        });
    }
}
