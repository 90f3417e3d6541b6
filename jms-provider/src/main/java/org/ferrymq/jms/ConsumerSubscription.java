package org.ferrymq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.provider.DeliveryListener;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.WireDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a {@link FerryMessageConsumer} has a basic.consume on the broker, and what happens when the
 * broker takes it away.
 * <ul>
 *   <li>A consumer whose queue other consumers compete for ({@link Subscriptions.Source#competing()}:
 *       a JMS Queue, a shared durable subscription) is subscribed only while its connection is
 *       started: created on a stopped connection it subscribes at {@code start()}, and
 *       {@code stop()} cancels it ({@link #pause()}), so it never holds messages a started
 *       consumer could have. Other consumers (their own exclusive or auto-delete queue, which a
 *       basic.cancel would delete) subscribe at creation and stay subscribed.</li>
 *   <li>If the broker cancels it (server-sent basic.cancel: queue deleted, or on a cluster the node
 *       of a classic queue down), the ExceptionListener is told which consumer and queue, receive()
 *       fails with {@link #cancelled()}, and a lasting queue is watched ({@link QueueReturnWatch})
 *       so the consumer subscribes again once the queue is back.</li>
 * </ul>
 * Each basic.consume is one {@link Subscription}: deliveries that arrive for one that has ended
 * (cancelled, consumer closed) are given back to the queue.
 *
 * <p>Threading: subscribing and cancelling (application threads for start/stop/close, the queue
 * watch's thread) are serialized by this object's lock; deliveries and the broker's cancel arrive
 * on a transport thread and only read volatile state or take the lock briefly.
 */
final class ConsumerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSubscription.class);
    static final String CANCELLED_CODE = "CONSUMER_CANCELLED";

    private final FerryMessageConsumer consumer;
    private final FerrySession session;
    private final FerryDestination destination;
    private final Subscriptions.Source source;
    private final String selector;
    /** The current basic.consume, or null while not subscribed (stopped, cancelled by the broker, closed). */
    private volatile Subscription active;
    /** Why the broker cancelled the consumer, until it is subscribed again; null otherwise. */
    private volatile JMSException cancelled;
    private QueueReturnWatch watch;   // guarded by this

    ConsumerSubscription(FerryMessageConsumer consumer, FerrySession session, FerryDestination destination,
                         Subscriptions.Source source, String selector) {
        this.consumer = consumer;
        this.session = session;
        this.destination = destination;
        this.source = source;
        this.selector = selector;
    }

    /** At creation: subscribes now, unless the consumer competes for its queue and the connection is not started. */
    void start() throws JMSException {
        if (!source.competing() || session.connection().isStarted()) {
            subscribe();
        }
    }

    /** Connection started: a competing consumer subscribes again (unless the broker cancelled it). */
    void resume() throws JMSException {
        if (source.competing() && cancelled == null) {
            subscribe();
        }
    }

    /**
     * Connection stopping: a competing consumer cancels its basic.consume, so the broker sends it
     * nothing more; the consumer then gives back what it had buffered. Deliveries still on their
     * way are given back as they arrive.
     */
    synchronized void pause() {
        if (!source.competing() || active == null) {
            return;
        }
        end(active);
    }

    /** True if this consumer competes for its queue and is not subscribed now (stopped). */
    boolean paused() {
        return source.competing() && active == null;
    }

    /** Why the broker cancelled the consumer while it is not subscribed again, else null. */
    JMSException cancelled() {
        return cancelled;
    }

    /** Consumer closing: no more basic.consume, no more watching. */
    synchronized void close() {
        if (watch != null) {
            watch.stop();
            watch = null;
        }
        if (active != null) {
            end(active);
        }
    }

    /** basic.qos + basic.consume, unless already subscribed or the consumer is closed. */
    private synchronized void subscribe() throws JMSException {
        if (consumer.isClosed() || active != null) {
            return;
        }
        FerryConnection connection = session.connection();
        int prefetch = destination.prefetch() > 0 ? destination.prefetch() : connection.config().prefetch();
        Subscription subscription = new Subscription();
        try {
            ProviderChannel channel = session.channel();
            if (selector != null && !source.subscription()) {
                subscription.tag = channel.consume(source.queue(), prefetch, source.exclusive(), selector, subscription);
            } else {
                subscription.tag = channel.consume(source.queue(), prefetch, source.exclusive(), subscription);
            }
        } catch (ProviderException e) {
            subscription.ended = true;
            JMSException mapped = JmsExceptions.from(e);
            if (source.exclusive() && ("403".equals(mapped.getErrorCode()) || "405".equals(mapped.getErrorCode()))) {
                throw new IllegalStateException("durable subscription queue " + source.queue() + " already has an active consumer", "405");
            }
            throw mapped;
        }
        active = subscription;
        cancelled = null;
    }

    /** Ends the subscription with a basic.cancel (holding this object's lock). */
    private void end(Subscription subscription) {
        active = null;
        subscription.ended = true;
        try {
            if (subscription.tag != null && !session.isClosed()) {
                ProviderChannel channel = session.channel();
                if (channel.isOpen()) {
                    channel.cancel(subscription.tag);
                }
            }
        } catch (ProviderException e) {
            LOG.debug("cancelling consumer on {}: {}", source.queue(), e.toString());
        }
    }

    /** One basic.consume. */
    private final class Subscription implements DeliveryListener {
        volatile String tag;
        volatile boolean ended;

        @Override
        public void onDelivery(WireDelivery delivery) {
            if (ended || consumer.isClosed()) {
                consumer.giveBackLate(delivery.deliveryTag());
            } else {
                consumer.buffered(delivery);
            }
        }

        @Override
        public void onCancelled() {
            cancelledByBroker(this);
        }
    }

    /**
     * The broker cancelled the basic.consume: the application hears it through the ExceptionListener,
     * receive() fails until the consumer is subscribed again, and a lasting queue is watched for its return.
     */
    private void cancelledByBroker(Subscription subscription) {
        String why = "the broker cancelled consumer " + subscription.tag + " on queue '" + source.queue() + "' ("
                + destination + "): the queue was deleted, or the cluster node it lives on is down";
        synchronized (this) {
            if (active != subscription || consumer.isClosed()) {
                return;   // cancelled by us meanwhile
            }
            active = null;
            subscription.ended = true;
            cancelled = new JMSException(why, CANCELLED_CODE);
            if (source.lasting()) {
                watch = QueueReturnWatch.start(source.queue(),
                        () -> session.connection().provider().queueExists(source.queue()), this::resubscribeAfterReturn);
            }
        }
        LOG.warn("{}{}", why, source.lasting() ? "; it subscribes again when the queue is back" : "");
        session.connection().topology().forget(source.queue());   // so a send declares it again
        session.threads().dispatch(consumer::giveBackAfterCancel);
        session.connection().report(new JMSException(why + (source.lasting()
                ? "; the consumer subscribes again by itself when the queue is back" : "; close the consumer"), CANCELLED_CODE));
    }

    /** On the queue watch's thread: the queue is back; subscribes again now, or at start() if stopped. */
    private boolean resubscribeAfterReturn() {
        synchronized (this) {
            if (consumer.isClosed()) {
                return true;
            }
            cancelled = null;
            if (source.competing() && !session.connection().isStarted()) {
                watch = null;
                LOG.info("queue '{}' is back; its consumer subscribes again when the connection starts", source.queue());
                return true;
            }
            try {
                subscribe();
            } catch (JMSException e) {
                cancelled = new JMSException("the broker cancelled the consumer on queue '" + source.queue()
                        + "', and subscribing again failed: " + e.getMessage(), CANCELLED_CODE);
                LOG.debug("subscribing again to {}: {}", source.queue(), e.toString());
                return false;
            }
            watch = null;
        }
        LOG.info("queue '{}' is back; its consumer subscribed again", source.queue());
        consumer.dispatchIfListening();
        return true;
    }
}
