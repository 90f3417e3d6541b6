package org.ferrymq.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test's view of one target: creates connections, sessions and contexts, hands out unique
 * destination names, and on close shuts every connection and deletes every queue it named.
 */
public final class Jms implements ExtensionContext.Store.CloseableResource {
    private static final Logger log = LoggerFactory.getLogger(Jms.class);

    /** How long a receive that must succeed may wait. */
    public static final long RECEIVE_MS = 5_000;
    /** How long a receive that must come back empty waits. */
    public static final long NOTHING_MS = 200;

    private static final AtomicInteger sequence = new AtomicInteger();

    private final Target target;
    private final String testName;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Set<String> queues = new LinkedHashSet<>();
    private final Set<String> exchanges = new LinkedHashSet<>();

    Jms(Target target, String testName) {
        this.target = target;
        this.testName = testName.length() > 40 ? testName.substring(0, 40) : testName;
    }

    public Target target() {
        return target;
    }

    public TargetKind kind() {
        return target.kind();
    }

    public boolean isRabbitMq() {
        return target.kind() == TargetKind.RABBITMQ;
    }

    // ---- names ------------------------------------------------------------------------------

    /** A name no other test (or earlier run) uses. */
    public String unique(String what) {
        return "tck." + what + "." + testName + "." + sequence.incrementAndGet() + "."
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique queue name, deleted from the broker when the test ends. */
    public String queueName() {
        String name = unique("q");
        queues.add(name);
        return name;
    }

    /**
     * A queue declared on the broker with these AMQP arguments (e.g. x-max-length) before JMS uses it:
     * the provider consumes and publishes to an existing queue as it is. Deleted when the test ends.
     */
    public Queue queueWithArguments(Session session, java.util.Map<String, Object> arguments) throws Exception {
        String name = queueName();
        Admin.run(target.adminUri(), ch -> ch.queueDeclare(name, false, false, false, arguments));
        return session.createQueue(name);
    }

    /** Deletes a queue on the broker now, behind the provider's back (as an operator or another program would). */
    public void deleteQueueNow(String name) throws Exception {
        Admin.run(target.adminUri(), ch -> ch.queueDelete(name));
    }

    /** Declares a durable queue on the broker (e.g. to bring a deleted one back); deleted when the test ends. */
    public void declareDurableQueue(String name) throws Exception {
        queues.add(name);
        Admin.run(target.adminUri(), ch -> ch.queueDeclare(name, true, false, false, null));
    }

    /** A fanout exchange declared on the broker; the test deletes it (see {@link #deleteExchange}). */
    public String exchange() throws Exception {
        String name = unique("x");
        Admin.run(target.adminUri(), ch -> ch.exchangeDeclare(name, "fanout", false, false, null));
        exchanges.add(name);
        return name;
    }

    public void deleteExchange(String name) throws Exception {
        Admin.run(target.adminUri(), ch -> ch.exchangeDelete(name));
    }

    /** Ready and unacknowledged counts are not both in AMQP: this is queue.declare-ok's ready count. */
    public long readyCount(String queue) throws Exception {
        long[] count = new long[1];
        Admin.run(target.adminUri(), ch -> count[0] = ch.queueDeclarePassive(queue).getMessageCount());
        return count[0];
    }

    public String clientId() {
        return unique("client");
    }

    public Queue queue(Session session) throws JMSException {
        return session.createQueue(queueName());
    }

    public Queue queue(JMSContext context) {
        return context.createQueue(queueName());
    }

    /** A topic on {@code amq.topic} with a unique routing key (nothing to clean up). */
    public Topic topic(Session session) throws JMSException {
        return session.createTopic(unique("t"));
    }

    public Topic topic(JMSContext context) {
        return context.createTopic(unique("t"));
    }

    /** Remembers the AMQP queue behind a durable subscription, so it is deleted at the end. */
    public void durableSubscription(String clientId, String name) {
        subscriptionQueue("jms.durable." + clientId + "." + name);
    }

    public void sharedDurableSubscription(String clientIdOrNull, String name) {
        subscriptionQueue("jms.shared-durable." + (clientIdOrNull == null ? "" : clientIdOrNull) + "." + name);
    }

    /** The subscription's queue and the provider's record of its topic and selector (README naming scheme). */
    private void subscriptionQueue(String queue) {
        queues.add(queue);
        queues.add("jms.subscription-def." + queue);
    }

    /** Remembers any other broker queue the test caused (e.g. a delivery-delay hold queue). */
    public void brokerQueue(String name) {
        queues.add(name);
    }

    // ---- connections, sessions, contexts -------------------------------------------------------

    public FerryConnectionFactory factory() {
        return target.factory();
    }

    public Connection connection() throws JMSException {
        return track(factory().createConnection());
    }

    public Connection startedConnection() throws JMSException {
        Connection c = connection();
        c.start();
        return c;
    }

    public Connection connection(String clientId) throws JMSException {
        Connection c = connection();
        c.setClientID(clientId);
        return c;
    }

    /** A session on its own started connection. */
    public Session session() throws JMSException {
        return session(Session.AUTO_ACKNOWLEDGE);
    }

    public Session session(int mode) throws JMSException {
        Connection c = startedConnection();
        return mode == Session.SESSION_TRANSACTED ? c.createSession(true, mode) : c.createSession(false, mode);
    }

    public JMSContext context() {
        return context(JMSContext.AUTO_ACKNOWLEDGE);
    }

    public JMSContext context(int mode) {
        return track(factory().createContext(mode));
    }

    public <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    // ---- receiving ---------------------------------------------------------------------------

    public static Message receive(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(RECEIVE_MS);
        assertThat(m).as("a message within %d ms", RECEIVE_MS).isNotNull();
        return m;
    }

    public static void assertNothing(MessageConsumer consumer) throws JMSException {
        assertThat(consumer.receive(NOTHING_MS)).as("no message").isNull();
    }

    public static Message receive(JMSConsumer consumer) {
        Message m = consumer.receive(RECEIVE_MS);
        assertThat(m).as("a message within %d ms", RECEIVE_MS).isNotNull();
        return m;
    }

    public static void assertNothing(JMSConsumer consumer) {
        assertThat(consumer.receive(NOTHING_MS)).as("no message").isNull();
    }

    /** Sleeps briefly, for the few checks that need a moment to pass (e.g. a subscription to bind). */
    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- cleanup -----------------------------------------------------------------------------

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.debug("closing {} after {}", r, testName, e);
            }
        }
        for (String queue : queues) {
            Admin.deleteQueue(target.adminUri(), queue);
        }
        for (String exchange : exchanges) {
            try {
                deleteExchange(exchange);
            } catch (Exception e) {
                log.debug("deleting exchange {} after {}", exchange, testName, e);
            }
        }
    }
}
