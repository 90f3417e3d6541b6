package org.ferrymq.jms.cdi;

import java.io.Serializable;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * The JMSContext an {@code @Inject JMSContext} field receives: container-managed, so every call goes to the
 * real context of the current scope (Jakarta Messaging 3.1, 12.4.4):
 * <ul>
 *   <li>while a request context is active ({@code @ActivateRequestContext}, {@code RequestContextController},
 *       a web request): the request's context for these {@link InjectionSettings}, shared with every other
 *       injection point with the same settings and closed when the request ends ({@link RequestJmsContexts});</li>
 *   <li>otherwise (plain Java SE, no JTA): this injected object's own context, created on first use and
 *       closed when the bean it was injected into is destroyed (the bean is {@code @Dependent}, with a disposer).
 *       Like any JMSContext it is then for one thread at a time.</li>
 * </ul>
 * As 12.4.5 requires, the methods that manage the context's life ({@code close}, {@code start}, {@code stop},
 * {@code setAutoStart}, {@code setClientID}, {@code setExceptionListener}) throw
 * {@link IllegalStateRuntimeException}; so do {@code acknowledge}, {@code commit}, {@code rollback} and
 * {@code recover} with AUTO_ACKNOWLEDGE/DUPS_OK_ACKNOWLEDGE. With {@code @JMSSessionMode(CLIENT_ACKNOWLEDGE)} or
 * {@code SESSION_TRANSACTED} they are passed on, because Java SE has no JTA transaction to do that work.
 */
public final class InjectedJmsContext implements JMSContext {
    private final InjectionSettings settings;
    private final ConnectionFactories factories;
    private final BeanManager beanManager;
    private final RequestJmsContexts requestContexts;
    private JMSContext own;
    private boolean released;

    InjectedJmsContext(InjectionSettings settings, ConnectionFactories factories, BeanManager beanManager,
                       RequestJmsContexts requestContexts) {
        this.settings = settings;
        this.factories = factories;
        this.beanManager = beanManager;
        this.requestContexts = requestContexts;
    }

    public InjectionSettings settings() {
        return settings;
    }

    /** The real context calls go to now: the request's one, or this object's own. */
    JMSContext delegate() {
        if (requestActive()) {
            return requestContexts.contextFor(settings, this::create);
        }
        synchronized (this) {
            if (released) {
                throw new IllegalStateRuntimeException(settings + " was used after the bean it was injected into was destroyed");
            }
            if (own == null) {
                own = create();
            }
            return own;
        }
    }

    private boolean requestActive() {
        try {
            return beanManager.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    private JMSContext create() {
        ConnectionFactory factory = factories.resolve(settings.connectionFactory());
        return settings.userName() == null
                ? factory.createContext(settings.sessionMode())
                : factory.createContext(settings.userName(), settings.password(), settings.sessionMode());
    }

    /** Called by the disposer when the bean this was injected into is destroyed. */
    void release() {
        JMSContext toClose;
        synchronized (this) {
            released = true;
            toClose = own;
            own = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static IllegalStateRuntimeException containerManaged(String method) {
        return new IllegalStateRuntimeException(method + " is not allowed on an injected (container-managed) JMSContext"
                + " (Jakarta Messaging 3.1, 12.4.5)");
    }

    private void checkLocalTransactionControl(String method) {
        int mode = settings.sessionMode();
        if (mode != CLIENT_ACKNOWLEDGE && mode != SESSION_TRANSACTED) {
            throw containerManaged(method);
        }
    }

    // Life cycle: the container's job (12.4.5).

    @Override
    public void close() {
        throw containerManaged("close");
    }

    @Override
    public void start() {
        throw containerManaged("start");
    }

    @Override
    public void stop() {
        throw containerManaged("stop");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        throw containerManaged("setAutoStart");
    }

    @Override
    public void setClientID(String clientID) {
        throw containerManaged("setClientID");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        throw containerManaged("setExceptionListener");
    }

    // Local transaction and acknowledgement control: only in the modes that need it (see the class comment).

    @Override
    public void acknowledge() {
        checkLocalTransactionControl("acknowledge");
        delegate().acknowledge();
    }

    @Override
    public void commit() {
        checkLocalTransactionControl("commit");
        delegate().commit();
    }

    @Override
    public void rollback() {
        checkLocalTransactionControl("rollback");
        delegate().rollback();
    }

    @Override
    public void recover() {
        checkLocalTransactionControl("recover");
        delegate().recover();
    }

    // Everything else goes to the current real context.

    @Override
    public JMSContext createContext(int sessionMode) {
        return delegate().createContext(sessionMode);
    }

    @Override
    public JMSProducer createProducer() {
        return delegate().createProducer();
    }

    @Override
    public String getClientID() {
        return delegate().getClientID();
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return delegate().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return delegate().getExceptionListener();
    }

    @Override
    public boolean getAutoStart() {
        return delegate().getAutoStart();
    }

    @Override
    public BytesMessage createBytesMessage() {
        return delegate().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() {
        return delegate().createMapMessage();
    }

    @Override
    public Message createMessage() {
        return delegate().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return delegate().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return delegate().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() {
        return delegate().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() {
        return delegate().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return delegate().createTextMessage(text);
    }

    @Override
    public boolean getTransacted() {
        return settings.sessionMode() == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        return settings.sessionMode();
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return delegate().createConsumer(destination);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return delegate().createConsumer(destination, messageSelector);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return delegate().createConsumer(destination, messageSelector, noLocal);
    }

    @Override
    public Queue createQueue(String queueName) {
        return delegate().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) {
        return delegate().createTopic(topicName);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return delegate().createDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return delegate().createDurableConsumer(topic, name, messageSelector, noLocal);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return delegate().createSharedDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return delegate().createSharedDurableConsumer(topic, name, messageSelector);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return delegate().createSharedConsumer(topic, sharedSubscriptionName);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return delegate().createSharedConsumer(topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return delegate().createBrowser(queue);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return delegate().createBrowser(queue, messageSelector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return delegate().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return delegate().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) {
        delegate().unsubscribe(name);
    }

    @Override
    public String toString() {
        return "injected " + settings;
    }
}
