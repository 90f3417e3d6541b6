package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ's direct reply-to: the requester consumes (no-ack) from the pseudo-queue
 * {@code amq.rabbitmq.reply-to} and publishes requests with that {@code reply_to}; the broker
 * rewrites it to the consumer's own address, and a reply published there through the default
 * exchange goes straight to the consumer without any queue. Everything here, the 406 texts
 * included, is RabbitMQ 3.10's behaviour.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DirectReplyToIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final String REPLY_TO = "amq.rabbitmq.reply-to";
    private static final int BASIC = 60;
    private static final int CONSUME = 20;
    private static final int PUBLISH = 40;

    private String queue(Channel ch) throws Exception {
        String q = broker.name("requests");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    /** Starts a reply consumer on the channel; deliveries land in the returned queue. */
    private static BlockingQueue<Delivery> consumeReplies(Channel ch, String tag) throws Exception {
        BlockingQueue<Delivery> replies = new LinkedBlockingQueue<>();
        String actual = ch.basicConsume(REPLY_TO, true, tag, (t, d) -> replies.add(d), t -> { });
        assertThat(actual).isEqualTo(tag);
        return replies;
    }

    /** Sends a request and answers the reply address the server side sees (a request taken from the queue). */
    private static String request(Channel requester, Channel server, String q, String correlationId) throws Exception {
        requester.basicPublish("", q, new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).correlationId(correlationId).build(),
                "request".getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        GetResponse got;
        while ((got = server.basicGet(q, true)) == null) {
            assertThat(System.nanoTime()).as("request arrived").isLessThan(deadline);
            Thread.sleep(10);
        }
        return got.getProps().getReplyTo();
    }

    @Test
    void replyGoesStraightToTheRequestersConsumer() throws Exception {
        Channel requester = broker.connection().createChannel();
        String q = queue(requester);
        BlockingQueue<Delivery> replies = consumeReplies(requester, "replies");
        Channel server = broker.connect().createChannel();

        String address = request(requester, server, q, "c-1");
        assertThat(address).startsWith(REPLY_TO + ".").isNotEqualTo(REPLY_TO + ".");
        AMQP.Queue.DeclareOk declared = server.queueDeclarePassive(address);
        assertThat(declared.getMessageCount()).isZero();
        assertThat(declared.getConsumerCount()).isEqualTo(1);

        server.basicPublish("", address, new AMQP.BasicProperties.Builder().correlationId("c-1").build(),
                "reply".getBytes(StandardCharsets.UTF_8));

        Delivery reply = replies.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getBody(), StandardCharsets.UTF_8)).isEqualTo("reply");
        assertThat(reply.getProperties().getCorrelationId()).isEqualTo("c-1");
        assertThat(reply.getEnvelope().getExchange()).isEmpty();
        assertThat(reply.getEnvelope().getRoutingKey()).isEqualTo(address);
        assertThat(reply.getEnvelope().isRedeliver()).isFalse();
        assertThat(server.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void pseudoQueueDeclaresWithOneConsumerAndUnknownAddressIs404() throws Exception {
        Channel ch = broker.channel();
        AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(REPLY_TO);
        assertThat(ok.getQueue()).isEqualTo(REPLY_TO);
        assertThat(ok.getMessageCount()).isZero();
        assertThat(ok.getConsumerCount()).isEqualTo(1);

        String unknown = REPLY_TO + ".no-such-consumer";
        String text = assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive(unknown));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + unknown + "' in vhost '" + broker.vhost() + "'");
    }

    @Test
    void consumeWithManualAckIs406() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(406, BASIC, CONSUME, () -> ch.basicConsume(REPLY_TO, false, (t, d) -> { }, t -> { }));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - reply consumer cannot acknowledge");
    }

    @Test
    void secondReplyConsumerOnOneChannelIs406() throws Exception {
        Channel ch = broker.channel();
        consumeReplies(ch, "first");
        String text = assertChannelError(406, BASIC, CONSUME, () -> ch.basicConsume(REPLY_TO, true, "second", (t, d) -> { }, t -> { }));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - reply consumer already set");
    }

    @Test
    void requestWithoutReplyConsumerOnTheChannelIs406() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup);
        Channel ch = broker.channel();
        consumeReplies(broker.channel(), "on-another-channel"); // does not count for ch
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build(), "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, PUBLISH);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - fast reply consumer does not exist");
        assertThat(setup.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void repliesToAConsumerThatIsGoneAreDroppedOrReturnedIfMandatory() throws Exception {
        Channel requester = broker.connection().createChannel();
        String q = queue(requester);
        consumeReplies(requester, "old");
        Channel server = broker.connect().createChannel();
        String oldAddress = request(requester, server, q, "c-old");
        requester.basicCancel("old");
        BlockingQueue<Delivery> newReplies = consumeReplies(requester, "new");

        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        server.addReturnListener(returns::add);
        server.basicPublish("", oldAddress, false, null, "dropped".getBytes());
        server.basicPublish("", oldAddress, true, null, "returned".getBytes());

        Return returned = returns.poll(5, TimeUnit.SECONDS);
        assertThat(returned).isNotNull();
        assertThat(returned.getReplyCode()).isEqualTo(312);
        assertThat(returned.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(new String(returned.getBody(), StandardCharsets.UTF_8)).isEqualTo("returned");
        assertThat(newReplies.poll(300, TimeUnit.MILLISECONDS)).as("a new consumer has a new address").isNull();
        String text = assertChannelError(404, 50, 10, () -> server.queueDeclarePassive(oldAddress));
        assertThat(text).startsWith("NOT_FOUND - no queue '" + oldAddress + "'");
    }

    @Test
    void addressDiesWithItsChannel() throws Exception {
        Channel requester = broker.connection().createChannel();
        String q = queue(requester);
        consumeReplies(requester, "replies");
        Channel server = broker.connect().createChannel();
        String address = request(requester, server, q, "c");
        assertThat(server.queueDeclarePassive(address).getConsumerCount()).isEqualTo(1);

        requester.close();

        String text = assertChannelError(404, 50, 10, () -> server.queueDeclarePassive(address));
        assertThat(text).startsWith("NOT_FOUND - no queue '" + address + "'");
    }

    @Test
    void replyAddressInCcHeaderIsServedToo() throws Exception {
        Channel requester = broker.connection().createChannel();
        String q = queue(requester);
        BlockingQueue<Delivery> replies = consumeReplies(requester, "replies");
        Channel server = broker.connect().createChannel();
        String address = request(requester, server, q, "c");
        String other = queue(server);

        server.basicPublish("", other, new AMQP.BasicProperties.Builder().headers(Map.of("CC", List.of(address))).build(),
                "copied".getBytes());

        Delivery reply = replies.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getBody(), StandardCharsets.UTF_8)).isEqualTo("copied");
        assertThat(reply.getEnvelope().getRoutingKey()).as("the message's own routing key").isEqualTo(other);
        assertThat(server.queueDeclarePassive(other).getMessageCount()).isEqualTo(1);
    }
}
