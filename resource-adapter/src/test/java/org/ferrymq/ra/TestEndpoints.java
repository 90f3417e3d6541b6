package org.ferrymq.ra;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import javax.transaction.xa.XAResource;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * The container's side of message inflow for unit tests: endpoints that hand each message to a
 * callback (the real containers are exercised by the WildFly and Payara integration tests).
 */
public final class TestEndpoints implements MessageEndpointFactory {
    private final Consumer<Message> onMessage;
    private final boolean transacted;
    public volatile int released;

    public TestEndpoints(Consumer<Message> onMessage) {
        this(onMessage, false);
    }

    public TestEndpoints(Consumer<Message> onMessage, boolean transacted) {
        this.onMessage = onMessage;
        this.transacted = transacted;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, MessageListener.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "onMessage" -> onMessage.accept((Message) args[0]);
                        case "release" -> released++;
                        case "hashCode" -> { return System.identityHashCode(proxy); }
                        case "equals" -> { return proxy == args[0]; }
                        case "toString" -> { return "test endpoint"; }
                        default -> { }
                    }
                    return null;
                });
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transacted;
    }

    @Override
    public String getActivationName() {
        return "test";
    }

    @Override
    public Class<?> getEndpointClass() {
        return MessageListener.class;
    }
}
