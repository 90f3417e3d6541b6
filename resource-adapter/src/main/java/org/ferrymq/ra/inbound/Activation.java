package org.ferrymq.ra.inbound;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.outbound.PooledConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message-driven bean's activation: a connection with {@code maxSession} sessions, each
 * feeding its own endpoint ({@link EndpointSession}), and the loop that (re)connects them. The
 * loop runs on its own thread; {@link #start()} waits for its first attempt to have opened the
 * consumers (or failed), so a refusal (a selector RabbitMQ cannot apply, a bad destination, wrong
 * credentials) fails the deployment with the broker's reason, but does not wait for the
 * endpoints: GlassFish and Payara block {@code createEndpoint} until the deployment that called
 * {@code endpointActivation} has finished. An unreachable broker is retried every
 * {@code setupInterval} ms, {@code setupAttempts} times (-1 = forever). A lost connection is
 * logged once, torn down and rebuilt by the same loop: no redeploy, and unacknowledged messages
 * go back to their queue.
 *
 * <p>Threading: {@link #start()}/{@link #stop()} run on the server's deployment thread; the
 * connect loop on its own thread ({@code ferrymq-ra-activation-*}), joined by {@link #stop()};
 * sessions deliver on the provider's per-session dispatch threads.
 */
public final class Activation {
    private static final Logger LOG = LoggerFactory.getLogger(Activation.class);
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", jakarta.jms.Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FerryResourceAdapter ra;
    private final FerryActivationSpec spec;
    private final MessageEndpointFactory endpointFactory;
    private final boolean deliveryTransacted;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private Connection connection;
    private final List<EndpointSession> sessions = new ArrayList<>();
    private volatile CountDownLatch connectionLost = new CountDownLatch(1);
    private volatile boolean stopped;
    /** Counted down by {@link #stop()}: wakes the loop's wait between connection attempts. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread loop;
    /** Completed by the loop's first attempt once the consumers are open or the broker is unreachable; failed by a refusal. */
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();

    public Activation(FerryResourceAdapter ra, FerryActivationSpec spec, MessageEndpointFactory endpointFactory)
            throws ResourceException {
        this.ra = ra;
        this.spec = spec;
        this.endpointFactory = endpointFactory;
        try {
            this.deliveryTransacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the endpoint does not implement MessageListener.onMessage", e);
        }
    }

    /** How long {@link #start()} waits for the first attempt to open its consumers. */
    static final long FIRST_ATTEMPT_WAIT_MS = 120_000;

    /**
     * Starts the connect loop and waits for its first attempt: a refusal is thrown; an unreachable
     * broker is logged and retried in the background.
     */
    public void start() throws ResourceException {
        loop = new Thread(this::run, "ferrymq-ra-activation-" + name());
        loop.setDaemon(true);
        loop.start();
        try {
            firstAttempt.get(FIRST_ATTEMPT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            stop();
            Throwable refusal = e.getCause();
            throw new ResourceException("FerryMQ cannot activate " + describe() + ": " + refusal.getMessage(), refusal.getCause());
        } catch (TimeoutException e) {
            LOG.warn("FerryMQ activation {}: still connecting after {} ms; going on in the background", describe(),
                    FIRST_ATTEMPT_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new ResourceException("interrupted while activating " + describe(), e);
        }
    }

    /** Stops delivery: waits for onMessage calls in progress, closes everything, ends the loop thread. */
    public void stop() {
        // no interrupt: an interrupted loop thread tearing down a half-started connection would
        // not wait in Session.close() for the onMessage in progress. Under the lock, so a
        // connection the loop opens right now either sees stopped or gets its latch counted down.
        synchronized (lock) {
            stopped = true;
            connectionLost.countDown();
        }
        stopping.countDown();
        Thread t = loop;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        teardown();
        LOG.info("FerryMQ activation {} stopped", describe());
    }

    private void run() {
        boolean connected = false;
        int attempts = 0;
        while (!stopped) {
            if (connected) {
                try {
                    connectionLost.await();
                } catch (InterruptedException e) {
                    if (stopped) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                teardown();
                connected = false;
                attempts = 0;
            }
            if (spec.getSetupAttempts() >= 0 && attempts >= spec.getSetupAttempts() && attempts > 0) {
                LOG.error("FerryMQ activation {}: gave up after {} connection attempts (setupAttempts); redeploy to retry",
                        describe(), attempts);
                return;
            }
            if (attempts > 0 && !sleep(spec.getSetupInterval())) {
                return;
            }
            boolean first = !firstAttempt.isDone();
            try {
                connected = connectOnce();
            } catch (PermanentRefusal refusal) {
                if (first) {
                    firstAttempt.completeExceptionally(refusal);   // start() throws it: the deployment fails
                } else {
                    LOG.error("FerryMQ activation {} refused by the broker: {}", describe(), refusal.getMessage());
                }
                return;
            }
            attempts++;
            if (first && !connected && firstAttempt.complete(null)) {
                LOG.warn("FerryMQ activation {}: broker not reachable yet; retrying every {} ms", describe(), spec.getSetupInterval());
            } else if (connected && attempts > 1) {
                LOG.info("FerryMQ activation {} connected after {} attempt(s)", describe(), attempts);
            }
            firstAttempt.complete(null);
        }
    }

    /** Waits {@code ms} between attempts; false as soon as the activation stops. */
    private boolean sleep(long ms) {
        try {
            return !stopping.await(ms, TimeUnit.MILLISECONDS) && !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when connected and consuming; false when the broker could not be reached (retry later). */
    private boolean connectOnce() throws PermanentRefusal {
        Connection c;
        try {
            c = org.ferrymq.ra.XaConnections.open(connectionFactory(), deliveryTransacted, null, null);
        } catch (JMSSecurityException e) {
            throw new PermanentRefusal(e.getMessage(), e);
        } catch (JMSException | NamingException | RuntimeException e) {
            LOG.debug("FerryMQ activation {}: cannot connect: {}", describe(), e.toString());
            return false;
        }
        synchronized (lock) {
            if (stopped) {
                close(c);
                return false;
            }
            connection = c;
            connectionLost = new CountDownLatch(1);
        }
        try {
            c.setExceptionListener(e -> lost(c, e));
            Destination destination = destination(c);
            List<EndpointSession> opened = new ArrayList<>();
            for (int i = 0; i < spec.effectiveMaxSession(); i++) {
                EndpointSession s = new EndpointSession(spec, endpointFactory, deliveryTransacted, c, destination, i);
                synchronized (lock) {
                    sessions.add(s);
                }
                s.openConsumer();
                opened.add(s);
            }
            // the broker accepted every consumer: start() may return (the deployment goes on) while
            // the endpoints are created, which GlassFish and Payara allow only after it
            firstAttempt.complete(null);
            for (EndpointSession s : opened) {
                s.attachEndpoint();
            }
            c.start();
            return true;
        } catch (InvalidSelectorException | InvalidDestinationException | JMSSecurityException e) {
            teardown();
            throw new PermanentRefusal(e.getMessage(), e);
        } catch (JMSException e) {
            teardown();
            if ("SELECTOR_ON_QUEUE_UNSUPPORTED".equals(e.getErrorCode())) {
                throw new PermanentRefusal(e.getMessage(), e);
            }
            LOG.debug("FerryMQ activation {}: setup failed: {}", describe(), e.toString());
            return false;
        } catch (NamingException e) {
            teardown();
            throw new PermanentRefusal("destinationLookup: " + e, e);
        } catch (ResourceException | RuntimeException e) {
            teardown();
            LOG.warn("FerryMQ activation {}: cannot create the endpoints: {}", describe(), e.toString());
            return false;
        }
    }

    private void lost(Connection c, JMSException e) {
        synchronized (lock) {
            if (stopped || connection != c) {
                return;
            }
        }
        LOG.warn("FerryMQ activation {} lost its connection ({}); reconnecting every {} ms", describe(), e.getMessage(),
                spec.getSetupInterval());
        connectionLost.countDown();
    }

    private void teardown() {
        List<EndpointSession> closing;
        Connection c;
        synchronized (lock) {
            closing = new ArrayList<>(sessions);
            sessions.clear();
            c = connection;
            connection = null;
        }
        for (EndpointSession s : closing) {
            s.close();
        }
        if (c != null) {
            close(c);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("closing a FerryMQ activation connection: {}", e.toString());
        }
    }

    /** The activation's factory: its own settings, or those of the factory named by connectionFactoryLookup. */
    private ConnectionFactory connectionFactory() throws NamingException {
        FerryJmsConfig config;
        if (spec.getConnectionFactoryLookup() != null) {
            Object found = new InitialContext().lookup(spec.getConnectionFactoryLookup());
            if (found instanceof PooledConnectionFactory pooled) {
                config = pooled.providerConfig();
            } else if (found instanceof FerryConnectionFactory ferry) {
                config = ferry.getConfig();
            } else {
                throw new NamingException(spec.getConnectionFactoryLookup() + " is not a FerryMQ connection factory: " + found);
            }
        } else {
            config = spec.providerConfig();
        }
        // this loop does the reconnecting: the provider's own recovery would hide the failure from it
        FerryConnectionFactory factory = new FerryConnectionFactory(config.toBuilder().automaticRecovery(false).build());
        return factory;
    }

    private Destination destination(Connection c) throws JMSException, NamingException {
        String name = spec.getDestinationLookup();
        if (name == null && Boolean.TRUE.equals(spec.getUseJNDI())) {
            try {
                return checkType((Destination) new InitialContext().lookup(spec.getDestination()));
            } catch (NameNotFoundException notBound) {
                LOG.debug("{} is not bound in JNDI; using it as a physical name", spec.getDestination());
            }
        }
        if (name != null) {
            Object found = new InitialContext().lookup(name);
            if (!(found instanceof Destination d)) {
                throw new NamingException(name + " is not a JMS destination: " + found);
            }
            return checkType(d);
        }
        try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            return spec.isTopic() ? s.createTopic(spec.getDestination()) : s.createQueue(spec.getDestination());
        }
    }

    private Destination checkType(Destination d) throws InvalidDestinationException {
        if (spec.isTopic() ? !(d instanceof Topic) : !(d instanceof Queue)) {
            throw new InvalidDestinationException(d + " is not a " + spec.getDestinationType());
        }
        return d;
    }

    String describe() {
        return (spec.isTopic() ? "topic " : "queue ") + name() + (spec.getMessageSelector() != null ? " [" + spec.getMessageSelector() + "]" : "");
    }

    private String name() {
        return spec.getDestination() != null ? spec.getDestination() : spec.getDestinationLookup();
    }

    /** How many sessions are open now (tests, monitoring). */
    public int openSessions() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /** A refusal that retrying cannot cure. */
    private static final class PermanentRefusal extends Exception {
        private static final long serialVersionUID = 1L;

        PermanentRefusal(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
