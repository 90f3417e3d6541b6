package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.SocketFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer that dies (its socket reset, as when its process is SIGKILLed) while holding several
 * unacked messages: RabbitMQ puts them back at their original places, ahead of the later ones,
 * so the next consumer sees the queue in its original order. A single-active-consumer standby
 * taking over must see the dead owner's unacked messages first, in order, then the rest; this is
 * what lets a game server take a room over without applying move #33 before #32.
 *
 * <p>Runs against the embedded FerryMQ and, in the rabbitmq-peer profile, against RabbitMQ 3.10.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequeueOrderAfterCrashIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A connection whose socket the test can reset, like a killed process's. */
    private record Killable(com.rabbitmq.client.Connection connection, AtomicReference<Socket> socket) {
        void kill() throws IOException {
            Socket s = socket.get();
            s.setSoLinger(true, 0);   // RST, no close handshake: the broker learns from the dead socket
            s.close();
        }
    }

    private Killable killableConnection() throws IOException {
        AtomicReference<Socket> socket = new AtomicReference<>();
        SocketFactory plain = SocketFactory.getDefault();
        ConnectionFactory factory = broker.factory();
        factory.setSocketFactory(new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = plain.createSocket();
                socket.set(s);
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return remember(plain.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return remember(plain.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return remember(plain.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
                    throws IOException {
                return remember(plain.createSocket(address, port, local, localPort));
            }

            private Socket remember(Socket s) {
                socket.set(s);
                return s;
            }
        });
        return new Killable(broker.connect(factory), socket);
    }

    private static void publish(Channel ch, String queue, int from, int to) throws Exception {
        ch.confirmSelect();
        for (int i = from; i < to; i++) {
            ch.basicPublish("", queue, null, Messages.bytes(Integer.toString(i)));
        }
        ch.waitForConfirmsOrDie(10_000);
    }

    private static List<Integer> take(CollectingConsumer consumer, int count) throws InterruptedException {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(Integer.parseInt(body(consumer.next(WAIT))));
        }
        return seen;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }

    /** The owner (prefetch 10) acked 0..2 and holds 3..12 unacked; the standby must see 3..29 in order. */
    @Test
    void singleActiveStandbySeesTheDeadOwnersUnackedFirstInOrder() throws Exception {
        Channel setup = broker.channel();
        String q = broker.name("sac");
        setup.queueDeclare(q, false, false, false, args("x-single-active-consumer", true));
        publish(setup, q, 0, 30);

        Killable owner = killableConnection();
        Channel ownerChannel = owner.connection().createChannel();
        ownerChannel.basicQos(10);
        CollectingConsumer ownerConsumer = new CollectingConsumer(ownerChannel);
        ownerChannel.basicConsume(q, false, ownerConsumer);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(ownerConsumer.next(WAIT));
        }
        assertThat(held.stream().map(Messages::body).map(Integer::parseInt).toList()).isEqualTo(range(0, 10));
        ownerChannel.basicAck(held.get(2).getEnvelope().getDeliveryTag(), true);
        for (int i = 0; i < 3; i++) {   // the credit the acks freed: the owner now holds 3..12
            held.add(ownerConsumer.next(WAIT));
        }
        assertThat(held.stream().map(Messages::body).map(Integer::parseInt).toList()).isEqualTo(range(0, 13));

        Channel standbyChannel = broker.connect().createChannel();
        standbyChannel.basicQos(100);
        CollectingConsumer standby = new CollectingConsumer(standbyChannel);
        standbyChannel.basicConsume(q, false, standby);
        assertThat(standby.poll(Duration.ofMillis(300))).as("the standby waits while the owner lives").isNull();

        owner.kill();
        List<Delivery> after = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            after.add(standby.next(WAIT));
        }
        assertThat(after.stream().map(Messages::body).map(Integer::parseInt).toList()).isEqualTo(range(3, 30));
        for (int i = 0; i < 27; i++) {
            assertThat(after.get(i).getEnvelope().isRedeliver()).as("redelivered flag of %s", i + 3).isEqualTo(i < 10);
        }
    }

    /** A plain queue: the dead consumer's unacked messages go back ahead of the ones it never got. */
    @Test
    void plainQueueGetsTheDeadConsumersUnackedBackAtTheirPlaces() throws Exception {
        Channel setup = broker.channel();
        String q = broker.name("plain");
        setup.queueDeclare(q, false, false, false, null);
        publish(setup, q, 0, 30);

        Killable consumer = killableConnection();
        Channel ch = consumer.connection().createChannel();
        ch.basicQos(8);
        CollectingConsumer first = new CollectingConsumer(ch);
        ch.basicConsume(q, false, first);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(first.next(WAIT));
        }
        ch.basicAck(held.get(1).getEnvelope().getDeliveryTag(), false);   // acks 1 only: 0 and 2..7 stay unacked
        ch.basicQos(8);
        consumer.kill();
        Eventually.await("the 7 unacked are back", WAIT, () -> setup.queueDeclarePassive(q).getMessageCount() == 29);

        Channel next = broker.connect().createChannel();
        next.basicQos(100);
        CollectingConsumer second = new CollectingConsumer(next);
        next.basicConsume(q, true, second);
        List<Integer> expected = range(0, 30);
        expected.remove(Integer.valueOf(1));
        assertThat(take(second, 29)).isEqualTo(expected);
    }

    /**
     * The failover as the game has it: the owner is busy (acks each message, the publisher keeps
     * going) when it dies, so some messages are on their way to it. Whatever it had not acked,
     * the standby must get first and in order, then everything after: one unbroken run to the end.
     */
    @Test
    void singleActiveStandbyTakesOverABusyOwnerInOrder() throws Exception {
        for (int round = 0; round < 5; round++) {
            busyTakeover(round);
        }
    }

    private void busyTakeover(int round) throws Exception {
        int total = 3_000;
        Channel setup = broker.channel();
        String q = broker.name("busy" + round);
        setup.queueDeclare(q, false, false, false, args("x-single-active-consumer", true));

        Killable owner = killableConnection();
        Channel ownerChannel = owner.connection().createChannel();
        ownerChannel.basicQos(20);
        AtomicInteger lastAcked = new AtomicInteger(-1);
        AtomicInteger received = new AtomicInteger();
        ownerChannel.basicConsume(q, false, new DefaultConsumer(ownerChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                received.incrementAndGet();
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                lastAcked.set(Integer.parseInt(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            }
        });
        Channel standbyChannel = broker.connect().createChannel();
        standbyChannel.basicQos(50);
        CollectingConsumer standby = new CollectingConsumer(standbyChannel);
        standbyChannel.basicConsume(q, true, standby);

        Channel publisher = broker.connect().createChannel();
        publisher.confirmSelect();
        for (int i = 0; i < total; i++) {
            publisher.basicPublish("", q, null, Messages.bytes(Integer.toString(i)));
            if (i == total / 3) {
                publisher.waitForConfirmsOrDie(10_000);
                Eventually.await("the owner is busy", WAIT, () -> received.get() > total / 4);
                owner.kill();   // mid-stream: the publisher goes on
            }
        }
        publisher.waitForConfirmsOrDie(10_000);

        int first = Integer.parseInt(body(standby.next(WAIT)));
        assertThat(first).as("round %s: the standby starts at or before the first message the owner did not ack", round)
                .isLessThanOrEqualTo(lastAcked.get() + 1);
        assertThat(take(standby, total - 1 - first)).as("round %s: one unbroken run from %s", round, first)
                .isEqualTo(range(first + 1, total));
    }
}
