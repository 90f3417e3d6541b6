package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.Deliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acknowledgements (spec 1.8.3.13-16, RabbitMQ's basic.nack): ack, nack, reject, recover, requeue order. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AcknowledgementIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int BASIC = 60;

    /** A queue holding m0..m(n-1), confirmed. */
    private String queueWith(int n) throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.confirmSelect();
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        ch.waitForConfirmsOrDie(5000);
        ch.close();
        return q;
    }

    /** Drains the queue with basic.get(no-ack), returning "body" or "body*" for redelivered messages. */
    private List<String> drain(String q) throws Exception {
        Channel ch = broker.channel();
        List<String> out = new ArrayList<>();
        for (GetResponse r; (r = ch.basicGet(q, true)) != null; ) {
            out.add(new String(r.getBody()) + (r.getEnvelope().isRedeliver() ? "*" : ""));
        }
        return out;
    }

    @Test
    void ackedMessagesAreGoneAfterChannelCloses() throws Exception {
        String q = queueWith(3);
        Channel ch = broker.channel();
        Deliveries d = Deliveries.consume(ch, q, false);
        for (Delivery m : d.next(3)) {
            ch.basicAck(m.getEnvelope().getDeliveryTag(), false);
        }
        ch.close();
        assertThat(drain(q)).isEmpty();
    }

    @Test
    void ackMultipleAcksEverythingUpToTheTag() throws Exception {
        String q = queueWith(5);
        Channel ch = broker.channel();
        Deliveries d = Deliveries.consume(ch, q, false);
        List<Delivery> ms = d.next(5);
        ch.basicAck(ms.get(2).getEnvelope().getDeliveryTag(), true);
        ch.close();
        assertThat(drain(q)).containsExactly("m3*", "m4*");
    }

    @Test
    void ackMultipleWithTagZeroAcksAllOutstanding() throws Exception {
        String q = queueWith(4);
        Channel ch = broker.channel();
        Deliveries.consume(ch, q, false).next(4);
        ch.basicAck(0, true);
        ch.close();
        assertThat(drain(q)).isEmpty();
    }

    @Test
    void ackOfUnknownDeliveryTagIs406() throws Exception {
        Channel ch = broker.channel();
        var shutdown = shutdownOf(ch);
        ch.basicAck(42, false);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 80);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - unknown delivery tag 42");
    }

    @Test
    void secondAckOfSameTagIs406() throws Exception {
        String q = queueWith(1);
        Channel ch = broker.channel();
        long tag = ch.basicGet(q, false).getEnvelope().getDeliveryTag();
        ch.basicAck(tag, false);
        var shutdown = shutdownOf(ch);
        ch.basicAck(tag, false);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 80);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - unknown delivery tag " + tag);
    }

    @Test
    void deliveryTagsBelongToTheirChannel() throws Exception {
        String q = queueWith(1);
        Channel receiver = broker.channel();
        long tag = receiver.basicGet(q, false).getEnvelope().getDeliveryTag();
        Channel other = broker.channel();
        var shutdown = shutdownOf(other);
        other.basicAck(tag, false);
        assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 80);
        assertThat(receiver.isOpen()).isTrue();
    }

    @Test
    void ackOnNoAckConsumerDeliveryIs406() throws Exception {
        String q = queueWith(1);
        Channel ch = broker.channel();
        long tag = ch.basicGet(q, true).getEnvelope().getDeliveryTag();
        var shutdown = shutdownOf(ch);
        ch.basicAck(tag, false);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 80);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - unknown delivery tag " + tag);
    }

    @Test
    void nackMultipleWithRequeueRedeliversInOrder() throws Exception {
        String q = queueWith(4);
        Channel ch = broker.channel();
        Deliveries d = Deliveries.consume(ch, q, false);
        List<Delivery> ms = d.next(4);
        ch.basicCancel(d.consumerTag());
        ch.basicNack(ms.get(2).getEnvelope().getDeliveryTag(), true, true);
        assertThat(drain(q)).containsExactly("m0*", "m1*", "m2*");
    }

    @Test
    void nackWithoutRequeueDropsTheMessage() throws Exception {
        String q = queueWith(2);
        Channel ch = broker.channel();
        GetResponse first = ch.basicGet(q, false);
        ch.basicNack(first.getEnvelope().getDeliveryTag(), false, false);
        ch.close();
        assertThat(drain(q)).containsExactly("m1");
    }

    @Test
    void nackOfUnknownDeliveryTagIs406() throws Exception {
        Channel ch = broker.channel();
        var shutdown = shutdownOf(ch);
        ch.basicNack(7, false, true);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 120);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - unknown delivery tag 7");
    }

    @Test
    void rejectWithRequeueRedeliversWithRedeliveredFlag() throws Exception {
        String q = queueWith(1);
        Channel ch = broker.channel();
        GetResponse first = ch.basicGet(q, false);
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        ch.basicReject(first.getEnvelope().getDeliveryTag(), true);
        GetResponse again = ch.basicGet(q, false);
        assertThat(again.getBody()).isEqualTo("m0".getBytes());
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(again.getEnvelope().getDeliveryTag()).isEqualTo(2);
    }

    @Test
    void rejectedMessageGoesBackToTheHeadOfTheQueue() throws Exception {
        String q = queueWith(3);
        Channel ch = broker.channel();
        GetResponse first = ch.basicGet(q, false);
        ch.basicReject(first.getEnvelope().getDeliveryTag(), true);
        ch.close();
        assertThat(drain(q)).containsExactly("m0*", "m1", "m2");
    }

    @Test
    void rejectWithoutRequeueDropsTheMessage() throws Exception {
        String q = queueWith(1);
        Channel ch = broker.channel();
        ch.basicReject(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        ch.close();
        assertThat(drain(q)).isEmpty();
    }

    @Test
    void rejectOfUnknownDeliveryTagIs406() throws Exception {
        Channel ch = broker.channel();
        var shutdown = shutdownOf(ch);
        ch.basicReject(9, true);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, BASIC, 90);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - unknown delivery tag 9");
    }

    @Test
    void recoverWithRequeueRedeliversUnackedToConsumers() throws Exception {
        String q = queueWith(3);
        Channel ch = broker.channel();
        Deliveries d = Deliveries.consume(ch, q, false);
        d.next(3);
        ch.basicRecover(true);
        List<Delivery> again = d.next(3);
        assertThat(Deliveries.bodies(again)).containsExactly("m0", "m1", "m2");
        assertThat(again).allMatch(m -> m.getEnvelope().isRedeliver());
        assertThat(again.get(0).getEnvelope().getDeliveryTag()).isEqualTo(4);
    }

    @Test
    void unackedMessagesReturnInOrderWhenChannelCloses() throws Exception {
        String q = queueWith(6);
        Channel ch = broker.channel();
        List<Delivery> ms = Deliveries.consume(ch, q, false).next(6);
        ch.basicAck(ms.get(1).getEnvelope().getDeliveryTag(), false);
        ch.basicAck(ms.get(4).getEnvelope().getDeliveryTag(), false);
        ch.close();
        assertThat(drain(q)).containsExactly("m0*", "m2*", "m3*", "m5*");
    }

    @Test
    void unackedMessagesReturnInOrderWhenConnectionCloses() throws Exception {
        String q = queueWith(5);
        Connection c = broker.connect();
        Channel ch = c.createChannel();
        List<Delivery> ms = Deliveries.consume(ch, q, false).next(5);
        ch.basicAck(ms.get(0).getEnvelope().getDeliveryTag(), false);
        c.close();
        assertThat(drain(q)).containsExactly("m1*", "m2*", "m3*", "m4*");
    }

    @Test
    void unackedMessagesReturnInOrderAheadOfUndeliveredOnes() throws Exception {
        String q = queueWith(8);
        Channel ch = broker.channel();
        ch.basicQos(3);
        Deliveries.consume(ch, q, false).next(3);
        ch.close();
        assertThat(drain(q)).containsExactly("m0*", "m1*", "m2*", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void unackedMessagesReturnWhenConnectionIsAborted() throws Exception {
        String q = queueWith(2);
        Connection c = broker.connect();
        Channel ch = c.createChannel();
        Deliveries.consume(ch, q, false).next(2);
        c.abort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Channel observer = broker.channel();
        while (observer.queueDeclarePassive(q).getMessageCount() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(drain(q)).containsExactly("m0*", "m1*");
    }

    @Test
    void noAckDeliveriesAreNotRequeuedOnClose() throws Exception {
        String q = queueWith(3);
        Channel ch = broker.channel();
        Deliveries.consume(ch, q, true).next(3);
        ch.close();
        assertThat(drain(q)).isEmpty();
    }

    @Test
    void requeuedMessagesGoToAnotherConsumer() throws Exception {
        String q = queueWith(2);
        Channel first = broker.channel();
        Deliveries.consume(first, q, false).next(2);
        Channel second = broker.channel();
        Deliveries d2 = Deliveries.consume(second, q, false);
        first.close();
        List<Delivery> ms = d2.next(2);
        assertThat(Deliveries.bodies(ms)).containsExactly("m0", "m1");
        assertThat(ms).allMatch(m -> m.getEnvelope().isRedeliver());
    }
}
