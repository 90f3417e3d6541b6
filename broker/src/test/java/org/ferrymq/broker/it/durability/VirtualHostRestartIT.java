package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.durability.Probe.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.security.PermissionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable state is kept per virtual host: same names in two vhosts come back separately. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualHostRestartIT {
    private static final String OTHER = "durable-it-other";

    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker(
            b -> b.addVhost(OTHER).addPermission(PermissionDefinition.all("guest", OTHER)));

    private Connection connect(String vhost) throws Exception {
        ConnectionFactory f = broker.factory();
        f.setVirtualHost(vhost);
        return f.newConnection("durable-it-" + vhost);
    }

    @Test
    void sameNamesInTwoVhostsComeBackSeparately() throws Exception {
        try (Connection root = connect("/"); Connection other = connect(OTHER)) {
            Channel a = root.createChannel();
            a.exchangeDeclare("x", "fanout", true);
            a.queueDeclare("q", true, false, false, null);
            a.queueBind("q", "x", "");
            publishPersistent(a, "x", "", "in-root");
            sync(a);
            Channel b = other.createChannel();
            b.queueDeclare("q", true, false, false, null);
            b.queueDeclare("only-here", true, false, false, null);
            publishPersistent(b, "", "q", "in-other-1", "in-other-2");
            sync(b);
        }

        broker.restart();

        try (Connection root = connect("/"); Connection other = connect(OTHER)) {
            assertThat(queueExists(root, "only-here")).isFalse();
            assertThat(queueExists(other, "only-here")).isTrue();
            assertThat(Probe.exchangeExists(other, "x")).isFalse();
            assertThat(bodies(drain(root.createChannel(), "q"))).containsExactly("in-root");
            assertThat(bodies(drain(other.createChannel(), "q"))).containsExactly("in-other-1", "in-other-2");
        }
    }
}
