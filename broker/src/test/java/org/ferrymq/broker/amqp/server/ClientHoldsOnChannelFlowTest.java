package org.ferrymq.broker.amqp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientHoldsOnChannelFlowTest {
    @Test
    void theRabbitMqJavaClientHoldsItsPublishes() {
        // as the Java client 5.x announces itself (long strings arrive as text or bytes)
        assertThat(ClientHoldsOnChannelFlow.of(Map.of("product", "RabbitMQ", "platform", "Java", "version", "5.22.0"))).isTrue();
        assertThat(ClientHoldsOnChannelFlow.of(Map.of("product", bytes("RabbitMQ"), "platform", bytes("Java")))).isTrue();
    }

    @Test
    void pikaAndUnknownClientsAreNotAsked() {
        // pika only logs a warning on channel.flow and keeps publishing
        assertThat(ClientHoldsOnChannelFlow.of(Map.of("product", "Pika Python Client Library", "platform", "Python 3.11.2"))).isFalse();
        assertThat(ClientHoldsOnChannelFlow.of(Map.of())).isFalse();
    }

    @Test
    void theCapabilityDecidesWhenAnnounced() {
        assertThat(ClientHoldsOnChannelFlow.of(Map.of("product", "FerryMQ JMS (vm://)",
                "capabilities", Map.of("ferrymq.channel_flow", true)))).isTrue();
        assertThat(ClientHoldsOnChannelFlow.of(Map.of("product", "RabbitMQ", "platform", "Java",
                "capabilities", Map.of("ferrymq.channel_flow", false)))).as("a Java client that opts out").isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
