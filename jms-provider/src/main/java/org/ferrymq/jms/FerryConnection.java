package org.ferrymq.jms;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.destination.FerryTemporaryQueue;
import org.ferrymq.jms.destination.FerryTemporaryTopic;
import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.QueueSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JMS connection = one transport connection ({@link Provider}); each session gets its own
 * channel. Owns the started/stopped state, the client ID, temporary destinations and the
 * ExceptionListener.
 *
 * <p>Threading: thread-safe, as JMS requires of connections.
 */
public class FerryConnection implements Connection, QueueConnection, TopicConnection {
    private static final Logger LOG = LoggerFactory.getLogger(FerryConnection.class);
    /** Prefix of the exclusive queue that holds a client ID, making it unique across the broker. */
    static final String CLIENT_ID_QUEUE_PREFIX = "jms.client-id.";

    private final String connectionId;
    private final FerryJmsConfig config;
    private final Provider provider;
    private final Topology topology;
    private final List<FerrySession> sessions = new CopyOnWriteArrayList<>();
    private final Set<FerryDestination> temporaries = ConcurrentHashMap.newKeySet();
    private final Set<FerryDestination> deletedTemporaries = ConcurrentHashMap.newKeySet();
    private final AtomicLong messageCounter = new AtomicLong();
    private final Object startLock = new Object();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean used;
    private volatile String clientId;
    private final boolean clientIdConfigured;
    private volatile ExceptionListener exceptionListener;

    FerryConnection(String connectionId, FerryJmsConfig config, Provider provider) throws JMSException {
        this.connectionId = connectionId;
        this.config = config;
        this.provider = provider;
        this.topology = new Topology(provider, config.queueType());
        provider.onFailure(this::failed);
        this.clientIdConfigured = config.clientId() != null;
        if (clientIdConfigured) {
            try {
                claimClientId(config.clientId());
            } catch (JMSException e) {
                provider.close();
                throw e;
            }
        }
    }

    static String newConnectionId() {
        return UUID.randomUUID().toString();
    }

    /** Unique per connection; message IDs start with it so noLocal can recognise our own messages. */
    public String connectionId() {
        return connectionId;
    }

    FerryJmsConfig config() {
        return config;
    }

    Provider provider() {
        return provider;
    }

    Topology topology() {
        return topology;
    }

    String nextMessageId() {
        return messageIdPrefix() + messageCounter.incrementAndGet();
    }

    /** The client ID without the closed check of {@link #getClientID()}: null when none is set. */
    String clientIdOrNull() {
        return clientId;
    }

    String messageIdPrefix() {
        return "ID:" + connectionId + ":";
    }

    // ---- client ID ----

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdConfigured) {
            throw new IllegalStateException("the client ID was configured on the connection factory");
        }
        if (clientId != null) {
            throw new IllegalStateException("the client ID is already set to " + clientId);
        }
        if (used) {
            throw new IllegalStateException("the client ID must be set before the connection is used");
        }
        if (id == null || id.isEmpty()) {
            throw new InvalidClientIDException("a client ID must not be empty");
        }
        claimClientId(id);
    }

    /** Holds an exclusive queue named after the ID: a second connection with the same ID gets 405. */
    private void claimClientId(String id) throws JMSException {
        try {
            topology.withChannel(ch -> ch.declareQueue(new QueueSpec(CLIENT_ID_QUEUE_PREFIX + id, false, true, true, null)));
        } catch (JMSException e) {
            if ("405".equals(e.getErrorCode())) {
                throw new InvalidClientIDException("client ID '" + id + "' is in use by another connection", "405");
            }
            throw e;
        }
        clientId = id;
    }

    // ---- sessions ----

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode, FerrySession.Domain.ANY);
    }

    private FerrySession createSession(int sessionMode, FerrySession.Domain domain) throws JMSException {
        checkOpen();
        used = true;
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid session mode " + sessionMode);
        }
        FerrySession session = new FerrySession(this, sessionMode, domain);
        sessions.add(session);
        return session;
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, FerrySession.Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, FerrySession.Domain.TOPIC);
    }

    void removed(FerrySession session) {
        sessions.remove(session);
    }

    // ---- start / stop ----

    @Override
    public void start() throws JMSException {
        checkOpen();
        used = true;
        synchronized (startLock) {
            started = true;
            startLock.notifyAll();
        }
        JMSException first = null;
        for (FerrySession s : sessions) {
            try {
                s.resumeDelivery();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;   // a consumer could not subscribe (say 403 on its queue); the others run
        }
    }

    /**
     * Stops delivery and returns once every running MessageListener has returned. Consumers of
     * queues that others compete for cancel their basic.consume and give back what they had
     * buffered, so a started consumer elsewhere gets those messages (as in ActiveMQ Artemis);
     * {@link #start()} subscribes them again. Allowed in a CompletionListener (spec 7.3.8 forbids
     * only close, commit and rollback there), not in a MessageListener of this connection.
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        checkNotInMessageListener("stop");
        used = true;
        synchronized (startLock) {
            started = false;
        }
        for (FerrySession s : sessions) {
            s.pauseConsumers();
        }
        for (FerrySession s : sessions) {
            s.awaitListenersIdle();
        }
        synchronized (startLock) {
            if (started) {
                return;   // started again meanwhile: the consumers keep what they have
            }
        }
        for (FerrySession s : sessions) {
            s.giveBackBuffered();
        }
    }

    boolean isStarted() {
        return started;
    }

    /** Blocks until the connection is started or closed, or the deadline passes; returns started. */
    boolean awaitStarted(long deadlineNanos) throws InterruptedException {
        synchronized (startLock) {
            while (!started && !closed) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(startLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return started;
        }
    }

    private void checkNotInMessageListener(String what) throws IllegalStateException {
        for (FerrySession s : sessions) {
            if (s.isDispatchThread()) {
                throw new IllegalStateException("a MessageListener must not " + what + " its own connection");
            }
        }
    }

    private void checkNotInListener(String what) throws IllegalStateException {
        for (FerrySession s : sessions) {
            if (s.isDispatchThread() || s.isCompletionThread()) {
                throw new IllegalStateException("a MessageListener or CompletionListener must not " + what + " its own connection");
            }
        }
    }

    // ---- close ----

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        checkNotInListener("close");
        synchronized (startLock) {
            started = false;
            closed = true;
            startLock.notifyAll();
        }
        for (FerrySession s : sessions) {
            try {
                s.close();
            } catch (JMSException e) {
                LOG.debug("closing session: {}", e.toString());
            }
        }
        topology.close();
        provider.close();
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    // ---- temporary destinations ----

    FerryTemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        String name = topology.withChannel(ch -> ch.declareQueue(new QueueSpec("", false, true, false, null)));
        FerryTemporaryQueue queue = new FerryTemporaryQueue(name, this::deleteTemporary);
        temporaries.add(queue);
        return queue;
    }

    FerryTemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        FerryTemporaryTopic topic = new FerryTemporaryTopic("ferrymq.tmp." + UUID.randomUUID(), this::deleteTemporary);
        temporaries.add(topic);
        return topic;
    }

    boolean owns(FerryDestination temporary) {
        return temporaries.contains(temporary);
    }

    private void deleteTemporary(FerryDestination destination) throws JMSException {
        checkOpen();
        for (FerrySession s : sessions) {
            if (s.hasConsumerOn(destination)) {
                throw new IllegalStateException("temporary destination " + destination + " still has consumers");
            }
        }
        if (destination.isQueue()) {
            topology.withChannel(ch -> {
                ch.deleteQueue(destination.routingKey(), false);
                return null;
            });
        }
        temporaries.remove(destination);
        deletedTemporaries.add(destination);
        topology.forget(destination.routingKey());
    }

    /** Sending to or consuming from a temporary destination this connection deleted is an error. */
    void checkNotDeleted(FerryDestination destination) throws InvalidDestinationException {
        if (deletedTemporaries.contains(destination)) {
            throw new InvalidDestinationException("temporary destination " + destination + " was deleted");
        }
    }

    // ---- failures, metadata ----

    private void failed(ProviderException failure) {
        report(JmsExceptions.from(failure));
    }

    /** Hands a problem the application cannot otherwise see to its ExceptionListener, on a new thread. */
    void report(JMSException e) {
        ExceptionListener listener = exceptionListener;
        if (listener != null && !closed) {
            Thread t = new Thread(() -> listener.onException(e), "ferrymq-jms-exception-listener");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        this.exceptionListener = listener;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return new FerryConnectionMetaData(provider.brokerProduct(), provider.brokerVersion());
    }

    // ---- application-server facilities (not offered) ----

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool, int max) throws JMSException {
        throw new JMSException("ConnectionConsumer is not supported; use the FerryMQ resource adapter");
    }

    @Override
    public String toString() {
        return "FerryConnection[" + provider.description() + ", clientId=" + clientId + "]";
    }
}
