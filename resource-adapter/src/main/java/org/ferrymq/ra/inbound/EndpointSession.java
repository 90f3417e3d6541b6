package org.ferrymq.ra.inbound;

import javax.transaction.xa.XAResource;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of an activation's sessions and the endpoint (bean instance) it feeds. How a message is
 * settled depends on the delivery:
 * <ul>
 *   <li>transacted by the container over XA (an XA-capable provider): the session is an
 *       {@link XASession} and its XAResource goes to {@code createEndpoint}, so the container
 *       enlists the receipt in the bean's transaction: commit acknowledges, rollback redelivers;</li>
 *   <li>otherwise ({@code useLocalTx}, or transacted delivery without XA): a transacted session,
 *       committed after {@code afterDelivery}, rolled back when {@code onMessage} throws;</li>
 *   <li>not transacted: a CLIENT_ACKNOWLEDGE session, acknowledged after a successful
 *       {@code onMessage}, recovered (redelivered) when it throws.</li>
 * </ul>
 * A message delivered more than {@code maxDeliveryAttempts} times is sent to the dead-letter
 * queue, in the same transaction as its acknowledgement, instead of to the bean.
 *
 * <p>Threading: {@link #onMessage} runs on the provider's dispatch thread of this session; open
 * and close on the activation's threads (close waits for a delivery in progress).
 */
final class EndpointSession implements MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointSession.class);

    private final FerryActivationSpec spec;
    private final MessageEndpointFactory endpointFactory;
    private final boolean deliveryTransacted;
    private final Connection connection;
    private final Destination destination;
    private final int index;
    private Session session;
    private boolean xa;
    private XAResource xaResource;
    private MessageConsumer consumer;
    private MessageEndpoint endpoint;
    private MessageProducer deadLetterProducer;

    EndpointSession(FerryActivationSpec spec, MessageEndpointFactory endpointFactory, boolean deliveryTransacted,
                    Connection connection, Destination destination, int index) {
        this.spec = spec;
        this.endpointFactory = endpointFactory;
        this.deliveryTransacted = deliveryTransacted;
        this.connection = connection;
        this.destination = destination;
        this.index = index;
    }

    /**
     * Opens the session and its consumer, without a listener yet: what the broker may refuse (a
     * selector, a destination, a subscription) is known here, before any endpoint exists.
     */
    void openConsumer() throws JMSException {
        if (deliveryTransacted && connection instanceof XAConnection xaConnection) {
            XASession xaSession = xaConnection.createXASession();
            session = xaSession;
            String recoveryName = spec.getResourceAdapter() instanceof org.ferrymq.ra.FerryResourceAdapter ra ? ra.getRecoveryJndiName() : null;
            xaResource = RecoveryNamedXAResource.wrap(xaSession.getXAResource(), recoveryName);
            xa = true;
        } else if (deliveryTransacted || Boolean.TRUE.equals(spec.getUseLocalTx())) {
            session = connection.createSession(Session.SESSION_TRANSACTED);
        } else {
            session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        }
        consumer = consumer();
    }

    /**
     * Asks the container for this session's endpoint and starts feeding it. May block: GlassFish
     * and Payara hold {@code createEndpoint} until the bean's deployment has finished.
     */
    void attachEndpoint() throws JMSException, ResourceException {
        endpoint = endpointFactory.createEndpoint(xaResource);
        consumer.setMessageListener(this);
    }

    private MessageConsumer consumer() throws JMSException {
        String selector = spec.getMessageSelector();
        if (!spec.isTopic()) {
            return session.createConsumer(destination, selector);
        }
        Topic topic = (Topic) destination;
        String name = spec.getSubscriptionName();
        if (spec.isDurable()) {
            return spec.isShared() ? session.createSharedDurableConsumer(topic, name, selector)
                    : session.createDurableConsumer(topic, name, selector, false);
        }
        return spec.isShared() ? session.createSharedConsumer(topic, name, selector) : session.createConsumer(topic, selector);
    }

    @Override
    public void onMessage(Message message) {
        if (tooManyDeliveries(message)) {
            deadLetter(message);
            return;
        }
        boolean delivered = false;
        try {
            endpoint.beforeDelivery(Activation.ON_MESSAGE);
            try {
                ((MessageListener) endpoint).onMessage(message);
                delivered = true;
            } finally {
                endpoint.afterDelivery();
            }
        } catch (Throwable t) {   // the bean's exception arrives wrapped by the container; the message stays ours to settle
            delivered = false;
            LOG.debug("FerryMQ endpoint {} on {} failed; the message will be redelivered: {}", index, destination, t.toString());
        }
        settle(message, delivered);
    }

    private void settle(Message message, boolean delivered) {
        if (xa) {
            return;   // the transaction manager committed or rolled back the receipt with the bean's work
        }
        try {
            if (session.getTransacted()) {
                if (delivered) {
                    session.commit();
                } else {
                    session.rollback();
                }
            } else if (delivered) {
                message.acknowledge();
            } else {
                session.recover();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("FerryMQ endpoint {} on {}: settling the delivery failed ({}); the broker redelivers it", index,
                    destination, e.toString());
        }
    }

    private boolean tooManyDeliveries(Message message) {
        int max = spec.getMaxDeliveryAttempts();
        if (max <= 0) {
            return false;
        }
        try {
            int count = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount")
                    : message.getJMSRedelivered() ? 2 : 1;
            return count > max;
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }

    /** Moves the message to the dead-letter queue; the send and the acknowledgement commit together. */
    private void deadLetter(Message message) {
        try {
            if (xa) {
                endpoint.beforeDelivery(Activation.ON_MESSAGE);   // starts the transaction the send joins
            }
            try {
                if (deadLetterProducer == null) {
                    deadLetterProducer = session.createProducer(session.createQueue(spec.getDeadLetterQueue()));
                }
                deadLetterProducer.send(message, message.getJMSDeliveryMode(), message.getJMSPriority(), 0);
            } finally {
                if (xa) {
                    endpoint.afterDelivery();
                }
            }
            settle(message, true);
            LOG.warn("FerryMQ: message {} from {} was delivered more than {} times; moved to {}", message.getJMSMessageID(),
                    destination, spec.getMaxDeliveryAttempts(), spec.getDeadLetterQueue());
        } catch (Exception e) {
            LOG.warn("FerryMQ: cannot move message to {} ({}); it will be redelivered", spec.getDeadLetterQueue(), e.toString());
            settle(message, false);
        }
    }

    /** Waits for a delivery in progress, then closes the session and releases the endpoint. */
    void close() {
        try {
            if (session != null) {
                session.close();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.debug("closing FerryMQ endpoint session {}: {}", index, e.toString());
        }
        if (endpoint != null) {
            endpoint.release();
            endpoint = null;
        }
    }
}
