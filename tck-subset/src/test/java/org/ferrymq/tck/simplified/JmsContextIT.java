package org.ferrymq.tck.simplified;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.NOTHING_MS;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 2.8 "Simplified API interfaces" and the JMSContext,
 * JMSProducer and JMSConsumer Javadoc: sending bodies directly, {@code receiveBody}, the
 * producer's fluent message settings, auto-start, the session modes, and section 2.8.2 / the
 * Javadoc's rule that the simplified API throws the unchecked {@code *RuntimeException}
 * variants (IllegalStateRuntimeException, InvalidClientIDRuntimeException,
 * InvalidDestinationRuntimeException, InvalidSelectorRuntimeException,
 * MessageFormatRuntimeException, JMSSecurityRuntimeException).
 */
@Timeout(30)
class JmsContextIT {

    // ---- sending bodies and receiveBody ---------------------------------------------------------

    @TckTest
    void sendAStringAndReceiveItsBody(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, "hello");
        assertThat(ctx.createConsumer(q).receiveBody(String.class, RECEIVE_MS)).isEqualTo("hello");
    }

    @TckTest
    void sendBytesAndReceiveThem(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, new byte[] {1, 2, 3});
        assertThat(ctx.createConsumer(q).receiveBody(byte[].class, RECEIVE_MS)).containsExactly(1, 2, 3);
    }

    @TckTest
    void sendAMapAndReceiveIt(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, Map.of("a", 1, "b", "two"));
        @SuppressWarnings("unchecked")
        Map<String, Object> got = ctx.createConsumer(q).receiveBody(Map.class, RECEIVE_MS);
        assertThat(got).containsEntry("a", 1).containsEntry("b", "two");
    }

    @TckTest
    void sendASerializableAndReceiveIt(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ArrayList<String> list = new ArrayList<>(List.of("x", "y"));
        ctx.createProducer().send(q, (Serializable) list);
        assertThat(ctx.createConsumer(q).receiveBody(Serializable.class, RECEIVE_MS)).isEqualTo(list);
    }

    @TckTest
    void eachBodyArrivesAsTheMatchingMessageType(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        JMSProducer p = ctx.createProducer();
        p.send(q, "text");
        p.send(q, new byte[] {1});
        p.send(q, Map.of("k", "v"));
        p.send(q, (Serializable) Integer.valueOf(5));
        JMSConsumer c = ctx.createConsumer(q);
        assertThat(receive(c)).isInstanceOf(TextMessage.class);
        assertThat(receive(c)).isInstanceOf(BytesMessage.class);
        assertThat(receive(c)).isInstanceOf(MapMessage.class);
        assertThat(receive(c)).isInstanceOf(ObjectMessage.class);
    }

    @TckTest
    void receiveBodyNoWaitAndTimeoutReturnNullWhenEmpty(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        JMSConsumer c = ctx.createConsumer(jms.queue(ctx));
        assertThat(c.receiveBodyNoWait(String.class)).isNull();
        assertThat(c.receiveBody(String.class, NOTHING_MS)).isNull();
        assertThat(c.receiveNoWait()).isNull();
    }

    @TckTest
    void receiveBodyOfTheWrongTypeIsAMessageFormatRuntimeExceptionAndTheMessageStays(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, "not a number");
        JMSConsumer c = ctx.createConsumer(q);
        assertThatThrownBy(() -> c.receiveBody(Integer.class, RECEIVE_MS)).isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("not a number");
    }

    @TckTest
    void sendingAMessageObjectWorksToo(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        TextMessage m = ctx.createTextMessage("classic");
        m.setStringProperty("p", "v");
        ctx.createProducer().send(q, m);
        Message got = receive(ctx.createConsumer(q));
        assertThat(got.getBody(String.class)).isEqualTo("classic");
        assertThat(got.getStringProperty("p")).isEqualTo("v");
    }

    // ---- JMSProducer settings --------------------------------------------------------------------

    @TckTest
    void producerDefaults(Jms jms) throws Exception {
        JMSProducer p = jms.context().createProducer();
        assertThat(p.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(p.getPriority()).isEqualTo(4);
        assertThat(p.getTimeToLive()).isZero();
        assertThat(p.getDeliveryDelay()).isZero();
        assertThat(p.getAsync()).isNull();
        assertThat(p.getDisableMessageID()).isFalse();
        assertThat(p.getDisableMessageTimestamp()).isFalse();
    }

    @TckTest
    void producerHeadersAndPropertiesApplyToEveryMessageSent(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        Queue replyTo = jms.queue(ctx);
        JMSProducer p = ctx.createProducer()
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setPriority(8)
                .setTimeToLive(60_000)
                .setJMSCorrelationID("corr")
                .setJMSType("type")
                .setJMSReplyTo(replyTo)
                .setProperty("s", "str")
                .setProperty("i", 3)
                .setProperty("b", true)
                .setProperty("d", 1.5d);
        p.send(q, "one").send(q, "two");
        JMSConsumer c = ctx.createConsumer(q);
        for (String body : List.of("one", "two")) {
            Message m = receive(c);
            assertThat(m.getBody(String.class)).isEqualTo(body);
            assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(m.getJMSPriority()).isEqualTo(8);
            assertThat(m.getJMSExpiration()).isPositive();
            assertThat(m.getJMSCorrelationID()).isEqualTo("corr");
            assertThat(m.getJMSType()).isEqualTo("type");
            assertThat(((Queue) m.getJMSReplyTo()).getQueueName()).isEqualTo(replyTo.getQueueName());
            assertThat(m.getStringProperty("s")).isEqualTo("str");
            assertThat(m.getIntProperty("i")).isEqualTo(3);
            assertThat(m.getBooleanProperty("b")).isTrue();
            assertThat(m.getDoubleProperty("d")).isEqualTo(1.5d);
        }
    }

    @TckTest
    void producerPropertiesFollowTheConversionRules(Jms jms) throws Exception {
        JMSProducer p = jms.context().createProducer().setProperty("i", 7).setProperty("s", "8");
        assertThat(p.getLongProperty("i")).isEqualTo(7L);
        assertThat(p.getStringProperty("i")).isEqualTo("7");
        assertThat(p.getIntProperty("s")).isEqualTo(8);
        assertThat(p.propertyExists("i")).isTrue();
        assertThat(p.getPropertyNames()).contains("i", "s");
        assertThatThrownBy(() -> p.getBooleanProperty("i")).isInstanceOf(MessageFormatRuntimeException.class);
        p.clearProperties();
        assertThat(p.propertyExists("i")).isFalse();
    }

    @TckTest
    void producerRefusesInvalidPropertyNamesAndValues(Jms jms) throws Exception {
        JMSProducer p = jms.context().createProducer();
        assertThatThrownBy(() -> p.setProperty("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setProperty((String) null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setProperty("o", new java.util.Date())).isInstanceOf(MessageFormatRuntimeException.class);
    }

    @TckTest
    void producerRefusesAnInvalidPriorityAndDeliveryMode(Jms jms) throws Exception {
        JMSProducer p = jms.context().createProducer();
        assertThatThrownBy(() -> p.setPriority(10)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> p.setDeliveryMode(3)).isInstanceOf(JMSRuntimeException.class);
    }

    @TckTest
    void producerSendsToANullDestinationAreInvalid(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThatThrownBy(() -> ctx.createProducer().send(null, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @TckTest
    void asyncSendThroughTheProducer(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        CountDownLatch done = new CountDownLatch(1);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        JMSProducer p = ctx.createProducer().setAsync(listener);
        assertThat(p.getAsync()).isSameAs(listener);
        p.send(q, "async");
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(ctx.createConsumer(q).receiveBody(String.class, RECEIVE_MS)).isEqualTo("async");
    }

    @TckTest
    void deliveryDelayThroughTheProducer(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        jms.brokerQueue("jms.delay.800ms./" + q.getQueueName());
        ctx.createProducer().setDeliveryDelay(800).send(q, "later");
        JMSConsumer c = ctx.createConsumer(q);
        assertNothing(c);
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("later");
    }

    // ---- context lifecycle, modes, auto-start ------------------------------------------------------

    @TckTest
    void aContextStartsItsConnectionWhenAConsumerIsCreated(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThat(ctx.getAutoStart()).isTrue();
        Queue q = jms.queue(ctx);
        JMSConsumer c = ctx.createConsumer(q);
        ctx.createProducer().send(q, "auto started");
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("auto started");
    }

    @TckTest
    void withoutAutoStartNothingArrivesUntilStart(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        ctx.setAutoStart(false);
        Queue q = jms.queue(ctx);
        JMSConsumer c = ctx.createConsumer(q);
        ctx.createProducer().send(q, "held");
        assertNothing(c);
        ctx.start();
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("held");
    }

    @TckTest
    void stopPausesDelivery(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        JMSConsumer c = ctx.createConsumer(q);
        ctx.stop();
        ctx.createProducer().send(q, "paused");
        assertNothing(c);
        ctx.start();
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("paused");
    }

    @TckTest
    void sessionModesAreReported(Jms jms) throws Exception {
        assertThat(jms.context().getSessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        assertThat(jms.context(JMSContext.CLIENT_ACKNOWLEDGE).getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(jms.context(JMSContext.DUPS_OK_ACKNOWLEDGE).getSessionMode()).isEqualTo(JMSContext.DUPS_OK_ACKNOWLEDGE);
        JMSContext tx = jms.context(JMSContext.SESSION_TRANSACTED);
        assertThat(tx.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
        assertThat(tx.getTransacted()).isTrue();
    }

    @TckTest
    void aChildContextSharesTheConnectionButHasItsOwnSession(Jms jms) throws Exception {
        JMSContext parent = jms.context();
        JMSContext child = jms.track(parent.createContext(JMSContext.SESSION_TRANSACTED));
        Queue q = jms.queue(parent);
        JMSConsumer c = parent.createConsumer(q);
        child.createProducer().send(q, "from child");
        assertNothing(c);
        child.commit();
        assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("from child");
    }

    @TckTest
    void transactedContextCommitAndRollback(Jms jms) throws Exception {
        JMSContext tx = jms.context(JMSContext.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        JMSConsumer reader = jms.context().createConsumer(q);
        tx.createProducer().send(q, "rolled back");
        tx.rollback();
        tx.createProducer().send(q, "committed");
        tx.commit();
        assertThat(reader.receiveBody(String.class, RECEIVE_MS)).isEqualTo("committed");
        assertNothing(reader);
    }

    @TckTest
    void clientAcknowledgeContextAcknowledgesConsumedMessages(Jms jms) throws Exception {
        JMSContext ctx = jms.context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, "a").send(q, "b");
        JMSConsumer c = ctx.createConsumer(q);
        receive(c);
        ctx.recover();
        Message again = receive(c);
        receive(c);
        ctx.acknowledge();
        ctx.close();
        assertThat(jms.context().createConsumer(q).receive(500)).isNull();
        assertThat(again).isNotNull();
    }

    @TckTest
    void listenerOnAContextConsumer(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        CountDownLatch got = new CountDownLatch(1);
        ctx.createConsumer(q).setMessageListener(m -> got.countDown());
        jms.context().createProducer().send(q, "to listener");
        assertThat(got.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @TckTest
    void topicsDurableAndSharedConsumersThroughTheContext(Jms jms) throws Exception {
        String id = jms.clientId();
        JMSContext ctx = jms.context();
        ctx.setClientID(id);
        assertThat(ctx.getClientID()).isEqualTo(id);
        Topic t = jms.topic(ctx);
        jms.durableSubscription(id, "ctx-durable");
        jms.sharedDurableSubscription(id, "ctx-shared-durable");
        JMSConsumer durable = ctx.createDurableConsumer(t, "ctx-durable");
        JMSConsumer sharedDurable = ctx.createSharedDurableConsumer(t, "ctx-shared-durable");
        JMSConsumer shared = ctx.createSharedConsumer(t, "ctx-shared");
        JMSConsumer plain = ctx.createConsumer(t);
        ctx.createProducer().send(t, "fan out");
        for (JMSConsumer c : List.of(durable, sharedDurable, shared, plain)) {
            assertThat(c.receiveBody(String.class, RECEIVE_MS)).isEqualTo("fan out");
        }
        durable.close();
        sharedDurable.close();
        ctx.unsubscribe("ctx-durable");
        ctx.unsubscribe("ctx-shared-durable");
    }

    @TckTest
    void browserAndTemporaryQueueThroughTheContext(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        var temp = ctx.createTemporaryQueue();
        ctx.createProducer().send(temp, "browse me");
        Jms.pause(100);
        var e = ctx.createBrowser(temp).getEnumeration();
        assertThat(e.hasMoreElements()).isTrue();
        assertThat(ctx.createConsumer(temp).receiveBody(String.class, RECEIVE_MS)).isEqualTo("browse me");
    }

    @TckTest
    void metadataThroughTheContext(Jms jms) throws Exception {
        assertThat(jms.context().getMetaData().getJMSMajorVersion()).isEqualTo(3);
    }

    // ---- runtime exception variants ------------------------------------------------------------------

    @TckTest
    void clientIdAfterUseIsAnIllegalStateRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        ctx.createProducer();
        assertThatThrownBy(() -> ctx.setClientID(jms.clientId())).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void aDuplicateClientIdIsAnInvalidClientIdRuntimeException(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.context().setClientID(id);
        JMSContext second = jms.context();
        assertThatThrownBy(() -> second.setClientID(id)).isInstanceOf(InvalidClientIDRuntimeException.class);
    }

    @TckTest
    void aBadSelectorIsAnInvalidSelectorRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Topic t = jms.topic(ctx);
        assertThatThrownBy(() -> ctx.createConsumer(t, "a = = b")).isInstanceOf(InvalidSelectorRuntimeException.class);
    }

    @TckTest
    void aNullDestinationIsAnInvalidDestinationRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThatThrownBy(() -> ctx.createConsumer(null)).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @TckTest
    void commitOutsideATransactionIsAnIllegalStateRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThatThrownBy(ctx::commit).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(ctx::rollback).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void recoverInATransactionIsAnIllegalStateRuntimeException(Jms jms) throws Exception {
        JMSContext tx = jms.context(JMSContext.SESSION_TRANSACTED);
        assertThatThrownBy(tx::recover).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void unsubscribingAnActiveSubscriptionIsRefused(Jms jms) throws Exception {
        String id = jms.clientId();
        JMSContext ctx = jms.context();
        ctx.setClientID(id);
        jms.durableSubscription(id, "busy");
        JMSConsumer c = ctx.createDurableConsumer(jms.topic(ctx), "busy");
        assertThatThrownBy(() -> ctx.unsubscribe("busy")).isInstanceOf(JMSRuntimeException.class);
        c.close();
        ctx.unsubscribe("busy");
    }

    @TckTest
    void unsubscribingAnUnknownNameIsAnInvalidDestinationRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        ctx.setClientID(jms.clientId());
        assertThatThrownBy(() -> ctx.unsubscribe("unknown")).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @TckTest
    void wrongCredentialsAreAJmsSecurityRuntimeException(Jms jms) throws Exception {
        assertThatThrownBy(() -> jms.track(jms.factory().createContext("guest", "wrong")))
                .isInstanceOf(JMSSecurityRuntimeException.class);
    }

    @TckTest
    void aClosedContextRefusesWork(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.close();
        ctx.close();
        assertThatThrownBy(ctx::createProducer).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(() -> ctx.createConsumer(q)).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(ctx::createTextMessage).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void aClosedConsumerIsAnIllegalStateRuntimeException(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        JMSConsumer c = ctx.createConsumer(jms.queue(ctx));
        c.close();
        assertThatThrownBy(() -> c.receive(10)).isInstanceOf(IllegalStateRuntimeException.class);
    }

    private static Throwable thrownInListener(Jms jms, JMSContext ctx, Runnable action) throws Exception {
        Queue q = jms.queue(ctx);
        List<Throwable> thrown = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ctx.createConsumer(q).setMessageListener(m -> {
            try {
                action.run();
            } catch (Throwable t) {
                thrown.add(t);
            }
            done.countDown();
        });
        ctx.createProducer().send(q, "x");
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        return thrown.isEmpty() ? null : thrown.get(0);
    }

    @TckTest
    void aListenerMayNotStopItsOwnContext(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThat(thrownInListener(jms, ctx, ctx::stop)).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void aListenerMayNotCloseItsOwnContext(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        assertThat(thrownInListener(jms, ctx, ctx::close)).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @TckTest
    void bodyOfAReceivedTextMessageIsReadOnly(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, "ro");
        TextMessage m = (TextMessage) receive(ctx.createConsumer(q));
        assertThatThrownBy(() -> m.setText("x")).isInstanceOf(jakarta.jms.MessageNotWriteableException.class);
    }
}
