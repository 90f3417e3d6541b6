package org.ferrymq.jms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import org.ferrymq.jms.destination.FerryQueue;
import org.ferrymq.jms.message.FerryMessage;
import org.ferrymq.jms.message.WireMapping;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.selector.MessageSelector;
import org.ferrymq.jms.selector.Selectors;

/**
 * Looks at a queue without consuming it. Each enumeration opens a private channel and takes a
 * snapshot of at most the configured browse limit of messages:
 * <ul>
 * <li>on FerryMQ (vm:// and amqp://, see {@link ProviderChannel#filtersOnBroker()}) with the
 *     broker's browse, which sends copies of the ready messages (filtered by the selector on the
 *     broker) and leaves the queue untouched: consumers keep receiving meanwhile, and nothing is
 *     marked redelivered;</li>
 * <li>on plain RabbitMQ, which has no browse, with basic.get (no ack), then closing the channel
 *     so the broker puts every message back where it was. Side effects, documented: while the
 *     snapshot is taken those messages are briefly invisible to consumers, and the broker marks
 *     them redelivered.</li>
 * </ul>
 */
final class FerryQueueBrowser implements QueueBrowser {
    private final FerrySession session;
    private final FerryQueue queue;
    private final String selectorText;
    private final MessageSelector selector;
    private volatile boolean closed;

    FerryQueueBrowser(FerrySession session, FerryQueue queue, String selector) throws JMSException {
        this.session = session;
        this.queue = queue;
        this.selectorText = Selectors.isBlank(selector) ? null : selector;
        this.selector = Selectors.compile(selector);
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selectorText;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        List<Message> snapshot = new ArrayList<>();
        int limit = session.connection().config().browseLimit();
        ProviderChannel channel = null;
        try {
            channel = session.connection().provider().openChannel(false);
            if (channel.filtersOnBroker()) {
                for (WireDelivery d : channel.browse(queue.getQueueName(), selectorText, limit)) {
                    snapshot.add(received(d));
                }
            } else {
                takeAndGiveBack(channel, limit, snapshot);
            }
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        } finally {
            if (channel != null) {
                channel.close();   // nothing was acked: every message goes back to the queue
            }
        }
        return Collections.enumeration(snapshot);
    }

    /** Plain RabbitMQ: basic.get without ack; closing the channel afterwards gives every message back. */
    private void takeAndGiveBack(ProviderChannel channel, int limit, List<Message> snapshot) throws ProviderException, JMSException {
        for (int i = 0; i < limit; i++) {
            WireDelivery d = channel.get(queue.getQueueName());
            if (d == null) {
                break;
            }
            // the browser shows the message as it was before this get took it
            FerryMessage m = received(new WireDelivery(d.deliveryTag(), false, d.exchange(), d.routingKey(), d.message()));
            if (selector.matches(m)) {
                snapshot.add(m);
            }
        }
    }

    private static FerryMessage received(WireDelivery d) throws JMSException {
        FerryMessage m = WireMapping.fromWire(d);
        m.markReceived(null);
        return m;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("the browser is closed");
        }
    }
}
