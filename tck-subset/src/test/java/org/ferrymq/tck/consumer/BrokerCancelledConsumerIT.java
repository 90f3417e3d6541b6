package org.ferrymq.tck.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
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
 * A consumer the broker cancels (server-sent basic.cancel, here because its queue was deleted)
 * must not go silent (spec 6.1.8: the ExceptionListener hears of problems the application cannot
 * otherwise see): the ExceptionListener is told, naming consumer and queue; receive() fails
 * clearly instead of returning null for ever; and when the queue comes back the consumer subscribes
 * again by itself. Issue 14, item 26 (the cluster case, a classic queue's node going down, is
 * RabbitMqClusterIT in jms-provider).
 */
@Timeout(60)
class BrokerCancelledConsumerIT {

    private static final class Reports {
        final List<JMSException> heard = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch first = new CountDownLatch(1);

        void listenTo(Connection c) throws JMSException {
            c.setExceptionListener(e -> {
                heard.add(e);
                first.countDown();
            });
        }
    }

    private static void send(Jms jms, Queue q, String text) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage(text));
    }

    /** receive() until a message comes; JMSExceptions (still cancelled) are expected for a while. */
    private static Message receiveOnceBack(MessageConsumer consumer) throws Exception {
        long deadline = System.currentTimeMillis() + 3 * RECEIVE_MS;
        while (System.currentTimeMillis() < deadline) {
            try {
                Message m = consumer.receive(200);
                if (m != null) {
                    return m;
                }
            } catch (JMSException stillCancelled) {
                Jms.pause(100);
            }
        }
        return null;
    }

    @TckTest
    void aConsumerWhoseQueueIsDeletedIsReportedFailsAndComesBackWithTheQueue(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Reports reports = new Reports();
        reports.listenTo(c);
        Session s = c.createSession();
        Queue q = jms.queue(s);
        MessageConsumer consumer = s.createConsumer(q);
        send(jms, q, "before");
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("before");

        jms.deleteQueueNow(q.getQueueName());
        assertThat(reports.first.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).as("ExceptionListener told").isTrue();
        JMSException report = reports.heard.get(0);
        assertThat(report.getMessage()).contains(q.getQueueName()).contains("cancelled").contains("consumer");
        assertThatThrownBy(() -> consumer.receive(RECEIVE_MS)).as("receive() fails instead of returning null")
                .isInstanceOf(JMSException.class).hasMessageContaining(q.getQueueName());
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(JMSException.class);

        jms.declareDurableQueue(q.getQueueName());   // the queue comes back
        send(jms, q, "after");
        Message again = receiveOnceBack(consumer);
        assertThat(again).as("the consumer subscribed again by itself").isNotNull();
        assertThat(((TextMessage) again).getText()).isEqualTo("after");
        assertThat(reports.heard).hasSize(1);
    }

    @TckTest
    void aListenerWhoseQueueIsDeletedIsReportedAndHearsAgainWhenTheQueueIsBack(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Reports reports = new Reports();
        reports.listenTo(c);
        Session s = c.createSession();
        Queue q = jms.queue(s);
        MessageConsumer consumer = s.createConsumer(q);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        consumer.setMessageListener(m -> {
            try {
                heard.add(((TextMessage) m).getText());
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        jms.deleteQueueNow(q.getQueueName());
        assertThat(reports.first.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(reports.heard.get(0).getMessage()).contains(q.getQueueName());
        assertThatThrownBy(() -> consumer.setMessageListener(m -> { }))
                .as("a new listener on a cancelled consumer fails clearly").isInstanceOf(JMSException.class);

        jms.declareDurableQueue(q.getQueueName());
        long deadline = System.currentTimeMillis() + 3 * RECEIVE_MS;
        while (heard.isEmpty() && System.currentTimeMillis() < deadline) {
            send(jms, q, "after");
            Jms.pause(500);
        }
        assertThat(heard).as("the listener hears again once the queue is back").isNotEmpty().allMatch("after"::equals);
    }
}
