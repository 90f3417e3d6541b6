package org.ferrymq.tck.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.util.HashSet;
import java.util.Set;

import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 7 "Sending messages" (7.1 producers, 7.2 synchronous send),
 * section 3.4.11 "How message header values are set" and the header sections 3.4.2
 * (JMSDeliveryMode), 3.4.3 (JMSMessageID), 3.4.4 (JMSTimestamp), 3.4.9 (JMSExpiration),
 * 3.4.10 (JMSPriority), plus the MessageProducer Javadoc (defaults, disabled IDs and
 * timestamps, producers with and without a destination, close).
 */
@Timeout(30)
class ProducerIT {

    // ---- defaults and settings ----------------------------------------------------------------

    @TckTest
    void defaultsArePersistentPriorityFourNoTimeToLiveNoDelay(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        assertThat(p.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(p.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY).isEqualTo(4);
        assertThat(p.getTimeToLive()).isZero();
        assertThat(p.getDeliveryDelay()).isZero();
        assertThat(p.getDisableMessageID()).isFalse();
        assertThat(p.getDisableMessageTimestamp()).isFalse();
    }

    @TckTest
    void settersAreReadBack(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.setPriority(9);
        p.setTimeToLive(60_000);
        p.setDeliveryDelay(10);
        p.setDisableMessageID(true);
        p.setDisableMessageTimestamp(true);
        assertThat(p.getDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(p.getPriority()).isEqualTo(9);
        assertThat(p.getTimeToLive()).isEqualTo(60_000);
        assertThat(p.getDeliveryDelay()).isEqualTo(10);
        assertThat(p.getDisableMessageID()).isTrue();
        assertThat(p.getDisableMessageTimestamp()).isTrue();
    }

    @TckTest
    void anInvalidDeliveryModeIsRefused(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        assertThatThrownBy(() -> p.setDeliveryMode(42)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void aPriorityOutsideZeroToNineIsRefused(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        assertThatThrownBy(() -> p.setPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> p.setPriority(-1)).isInstanceOf(JMSException.class);
    }

    // ---- headers set by send (3.4.11) ---------------------------------------------------------

    @TckTest
    void sendSetsTheHeadersOnTheSentMessage(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Message m = s.createTextMessage("x");
        long before = System.currentTimeMillis();
        s.createProducer(q).send(m);
        long after = System.currentTimeMillis();
        assertThat(m.getJMSDestination()).isEqualTo(q);
        assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(m.getJMSPriority()).isEqualTo(4);
        assertThat(m.getJMSExpiration()).isZero();
        assertThat(m.getJMSMessageID()).startsWith("ID:");
        assertThat(m.getJMSTimestamp()).isBetween(before, after);
    }

    @TckTest
    void valuesSetByTheClientOnSendHeadersAreOverwritten(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Message m = s.createTextMessage("x");
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(1);
        m.setJMSExpiration(12345);
        m.setJMSMessageID("ID:mine");
        s.createProducer(q).send(m);
        assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(m.getJMSPriority()).isEqualTo(4);
        assertThat(m.getJMSExpiration()).isZero();
        assertThat(m.getJMSMessageID()).isNotEqualTo("ID:mine");
        Message got = receive(s.createConsumer(q));
        assertThat(got.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(got.getJMSPriority()).isEqualTo(4);
        assertThat(got.getJMSExpiration()).isZero();
    }

    @TckTest
    void sendArgumentsOverrideTheProducerForOneMessageOnly(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("one"), DeliveryMode.NON_PERSISTENT, 7, 60_000);
        p.send(s.createTextMessage("two"));
        assertThat(p.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(p.getPriority()).isEqualTo(4);
        MessageConsumer c = s.createConsumer(q);
        Message one = receive(c);
        Message two = receive(c);
        assertThat(one.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(one.getJMSPriority()).isEqualTo(7);
        assertThat(one.getJMSExpiration()).isPositive();
        assertThat(two.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(two.getJMSPriority()).isEqualTo(4);
        assertThat(two.getJMSExpiration()).isZero();
    }

    @TckTest
    void nonPersistentDeliveryModeArrives(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.send(s.createTextMessage("np"));
        assertThat(receive(s.createConsumer(q)).getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @TckTest
    void everyPriorityArrivesAsSent(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int priority = 0; priority <= 9; priority++) {
            p.setPriority(priority);
            p.send(s.createMessage());
        }
        MessageConsumer c = s.createConsumer(q);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i <= 9; i++) {
            seen.add(receive(c).getJMSPriority());
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @TckTest
    void timeToLiveSetsExpirationFromTheSendTime(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(60_000);
        Message m = s.createMessage();
        p.send(m);
        assertThat(m.getJMSExpiration()).isBetween(m.getJMSTimestamp() + 59_000, m.getJMSTimestamp() + 61_000);
        Message got = receive(s.createConsumer(q));
        assertThat(got.getJMSExpiration()).isBetween(m.getJMSTimestamp() + 58_000, m.getJMSTimestamp() + 62_000);
    }

    @TckTest
    void anExpiredMessageIsNotDelivered(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(100);
        p.send(s.createTextMessage("short-lived"));
        p.setTimeToLive(0);
        Jms.pause(400);
        p.send(s.createTextMessage("lasting"));
        MessageConsumer c = s.createConsumer(q);
        assertThat(((TextMessage) receive(c)).getText()).isEqualTo("lasting");
        assertNothing(c);
    }

    @TckTest
    void messageIdsAreUniqueAndStartWithId(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        Set<String> ids = new HashSet<>();
        Message reused = s.createMessage();
        for (int i = 0; i < 20; i++) {
            p.send(reused, DeliveryMode.NON_PERSISTENT, 4, 0);
            assertThat(reused.getJMSMessageID()).startsWith("ID:");
            ids.add(reused.getJMSMessageID());
        }
        assertThat(ids).hasSize(20);
    }

    @TckTest
    void receivedMessageKeepsTheSentMessageIdAndTimestamp(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Message m = s.createMessage();
        s.createProducer(q).send(m);
        Message got = receive(s.createConsumer(q));
        assertThat(got.getJMSMessageID()).isEqualTo(m.getJMSMessageID());
        assertThat(got.getJMSTimestamp()).isBetween(m.getJMSTimestamp() - 1000, m.getJMSTimestamp());
    }

    @TckTest
    void disabledMessageIdIsNullOrAnOrdinaryId(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.setDisableMessageID(true);
        Message m = s.createMessage();
        p.send(m);
        Message got = receive(s.createConsumer(q));
        // a hint: null when honoured, otherwise the usual unique value
        if (m.getJMSMessageID() == null) {
            assertThat(got.getJMSMessageID()).isNull();
        } else {
            assertThat(m.getJMSMessageID()).startsWith("ID:");
        }
    }

    @TckTest
    void disabledTimestampIsZeroOrAnOrdinaryTimestamp(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.setDisableMessageTimestamp(true);
        Message m = s.createMessage();
        p.send(m);
        Message got = receive(s.createConsumer(q));
        if (m.getJMSTimestamp() == 0) {
            assertThat(got.getJMSTimestamp()).isZero();
        } else {
            assertThat(m.getJMSTimestamp()).isPositive();
        }
    }

    // ---- producers with and without a destination -------------------------------------------

    @TckTest
    void aProducerWithoutDestinationSendsToTheGivenOne(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(null);
        assertThat(p.getDestination()).isNull();
        p.send(q, s.createTextMessage("anon"));
        assertThat(((TextMessage) receive(s.createConsumer(q))).getText()).isEqualTo("anon");
    }

    @TckTest
    void aProducerWithoutDestinationCannotSendWithoutOne(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(null);
        assertThatThrownBy(() -> p.send(s.createMessage())).isInstanceOf(UnsupportedOperationException.class);
    }

    @TckTest
    void aProducerWithoutDestinationRefusesANullDestination(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(null);
        assertThatThrownBy(() -> p.send(null, s.createMessage())).isInstanceOf(InvalidDestinationException.class);
    }

    @TckTest
    void aProducerWithADestinationCannotSendElsewhere(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        assertThat(p.getDestination()).isEqualTo(q);
        assertThatThrownBy(() -> p.send(jms.queue(s), s.createMessage())).isInstanceOf(UnsupportedOperationException.class);
    }

    @TckTest
    void aConsumerNeedsADestination(Jms jms) throws Exception {
        Session s = jms.session();
        assertThatThrownBy(() -> s.createConsumer(null)).isInstanceOf(InvalidDestinationException.class);
    }

    @TckTest
    void aProducerCanSendToATopicAndAQueue(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        var topic = jms.topic(s);
        MessageConsumer sub = s.createConsumer(topic);
        MessageProducer p = s.createProducer(null);
        p.send(topic, s.createTextMessage("to topic"));
        p.send(q, s.createTextMessage("to queue"));
        assertThat(((TextMessage) receive(sub)).getText()).isEqualTo("to topic");
        assertThat(((TextMessage) receive(s.createConsumer(q))).getText()).isEqualTo("to queue");
    }

    @TckTest
    void aMessageCreatedByAnotherSessionCanBeSent(Jms jms) throws Exception {
        Session creator = jms.session();
        Session sender = jms.session();
        Queue q = jms.queue(sender);
        sender.createProducer(q).send(creator.createTextMessage("made elsewhere"));
        assertThat(((TextMessage) receive(sender.createConsumer(q))).getText()).isEqualTo("made elsewhere");
    }

    // ---- close ------------------------------------------------------------------------------

    @TckTest
    void aClosedProducerRefusesToSend(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        p.close();
        p.close();
        assertThatThrownBy(() -> p.send(s.createMessage())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::getDeliveryMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::getDestination).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void messagesAreDeliveredInSendOrder(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 30; i++) {
            p.send(s.createTextMessage("m" + i), DeliveryMode.NON_PERSISTENT, 4, 0);
        }
        MessageConsumer c = s.createConsumer(q);
        for (int i = 0; i < 30; i++) {
            assertThat(((TextMessage) receive(c)).getText()).isEqualTo("m" + i);
        }
    }
}
