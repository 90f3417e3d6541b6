package org.ferrymq.ra.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.admin.FerryAdminQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The outbound side over the adapter's embedded broker, with the connection manager a server would be. */
@Timeout(60)
class OutboundTest {
    @TempDir
    Path data;
    FerryResourceAdapter ra;
    FerryManagedConnectionFactory mcf;
    FerryConnectionFactory client;

    @BeforeEach
    void start() throws Exception {
        ra = new FerryResourceAdapter();
        ra.setEmbeddedBroker(true);
        ra.setEmbeddedDataDir(data.toString());
        ra.start(null);
        mcf = new FerryManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        client = new FerryConnectionFactory("vm://ferrymq-ra");
    }

    @AfterEach
    void stop() {
        ra.stop();
    }

    private String receive(String queue, long timeout) throws JMSException {
        try (JMSContext ctx = client.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, timeout);
        }
    }

    @Test
    void sendsThroughTheConnectionFactoryAndJmsContextToAnAdministeredQueue() throws Exception {
        ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory();
        FerryAdminQueue orders = new FerryAdminQueue();
        orders.setName("orders");
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);   // no JTA transaction: non-transacted, auto-ack
            assertEquals(false, s.getTransacted());
            assertEquals(Session.AUTO_ACKNOWLEDGE, s.getAcknowledgeMode());
            s.createProducer(orders).send(s.createTextMessage("from a servlet"));
        }
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().setProperty("n", 2).send(orders, "from an EJB");
        }
        assertEquals("from a servlet", receive("orders", 5000));
        assertEquals("from an EJB", receive("orders", 5000));
    }

    @Test
    void aPooledContextsProducerStampsItsSettingsAndProperties() throws Exception {
        ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory();
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().setProperty("table", 7).setJMSType("order").setJMSCorrelationID("c-1")
                    .setPriority(8).setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT)
                    .send(ctx.createQueue("stamped"), "soup");
        }
        try (JMSContext ctx = client.createContext()) {
            jakarta.jms.Message m = ctx.createConsumer(ctx.createQueue("stamped")).receive(5000);
            assertEquals("soup", m.getBody(String.class));
            assertEquals(7, m.getIntProperty("table"));
            assertEquals("order", m.getJMSType());
            assertEquals("c-1", m.getJMSCorrelationID());
            assertEquals(8, m.getJMSPriority());
            assertEquals(jakarta.jms.DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        }
    }

    @Test
    void whatAContainerForbidsIsRefused() throws Exception {
        ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory();
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession();
            assertThrows(IllegalStateException.class, () -> c.createSession(), "one session per connection");
            assertThrows(IllegalStateException.class, () -> c.setExceptionListener(e -> { }));
            assertThrows(IllegalStateException.class, c::stop);
            assertThrows(IllegalStateException.class, () -> c.setClientID("x"));
            assertThrows(IllegalStateException.class, () -> s.setMessageListener(m -> { }));
            MessageConsumer consumer = s.createConsumer(s.createQueue("rules"));
            assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(IllegalStateException.class, s::commit);
        }
        try (JMSContext ctx = cf.createContext()) {
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID("x"));
            assertThrows(IllegalStateRuntimeException.class, ctx::stop);
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createConsumer(ctx.createQueue("rules")).setMessageListener(m -> { }));
        }
    }

    @Test
    void aLocalTransactionDeliversSendsOnlyWhenItCommits() throws Exception {
        FerryManagedConnection mc = (FerryManagedConnection) mcf.createManagedConnection(null, null);
        try {
            SessionHandle s = (SessionHandle) mc.getConnection(null, null);
            mc.getLocalTransaction().begin();
            s.createProducer(s.createQueue("tx")).send(s.createTextMessage("rolled back"));
            assertTrue(s.getTransacted());
            assertThrows(TransactionInProgressException.class, s::commit, "inside a JTA transaction commit is the container's");
            mc.getLocalTransaction().rollback();
            mc.getLocalTransaction().begin();
            s.createProducer(s.createQueue("tx")).send(s.createTextMessage("committed"));
            assertNull(receive("tx", 300), "not delivered before the commit");
            mc.getLocalTransaction().commit();
            assertEquals("committed", receive("tx", 5000));
            assertNull(receive("tx", 300));
        } finally {
            mc.destroy();
        }
    }

    @Test
    void poolMatchingAndTransactionSupport() throws Exception {
        FerryManagedConnection a = (FerryManagedConnection) mcf.createManagedConnection(null, null);
        FerryManagedConnection b = (FerryManagedConnection) mcf.createManagedConnection(null, new FerryConnectionRequestInfo("guest", "guest"));
        try {
            assertEquals(a, mcf.matchManagedConnections(Set.of(a, b), null, null));
            assertEquals(b, mcf.matchManagedConnections(Set.of(a, b), null, new FerryConnectionRequestInfo("guest", "guest")));
            assertNull(mcf.matchManagedConnections(Set.of(a), null, new FerryConnectionRequestInfo("other", "x")));
            // XATransaction once the provider's factory is an XAConnectionFactory; until then local
            TransactionSupportLevel level = mcf.getTransactionSupport();
            assertEquals((Object) client instanceof jakarta.jms.XAConnectionFactory ? TransactionSupportLevel.XATransaction
                    : TransactionSupportLevel.LocalTransaction, level);
            mcf.setTransactionSupportLevel("NoTransaction");
            assertEquals(TransactionSupportLevel.NoTransaction, mcf.getTransactionSupport());
        } finally {
            a.destroy();
            b.destroy();
        }
    }

    @Test
    void handlesAreDeadAfterTheServerCleansTheManagedConnectionUp() throws Exception {
        FerryManagedConnection mc = (FerryManagedConnection) mcf.createManagedConnection(null, null);
        try {
            SessionHandle s = (SessionHandle) mc.getConnection(null, null);
            TextMessage m = s.createTextMessage("x");
            mc.cleanup();
            assertThrows(IllegalStateException.class, () -> s.createProducer(s.createQueue("q")).send(m));
        } finally {
            mc.destroy();
        }
    }
}
