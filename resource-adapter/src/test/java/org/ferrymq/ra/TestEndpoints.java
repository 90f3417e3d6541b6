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
    /** XAResources the adapter passed to createEndpoint (transacted delivery over XA). */
    public final java.util.List<XAResource> xaResources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger xids = new java.util.concurrent.atomic.AtomicInteger();

    public TestEndpoints(Consumer<Message> onMessage) {
        this(onMessage, false);
    }

    public TestEndpoints(Consumer<Message> onMessage, boolean transacted) {
        this.onMessage = onMessage;
        this.transacted = transacted;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        if (xaResource != null) {
            xaResources.add(xaResource);
        }
        // with an XAResource this endpoint is what a container's transaction manager does for a
        // CMT MDB: beforeDelivery starts a branch, afterDelivery ends it and commits, or rolls
        // back when onMessage threw
        javax.transaction.xa.Xid[] branch = new javax.transaction.xa.Xid[1];
        boolean[] failed = new boolean[1];
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, MessageListener.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "beforeDelivery" -> {
                            if (xaResource != null) {
                                branch[0] = new TestXid(xids.incrementAndGet());
                                failed[0] = false;
                                xaResource.start(branch[0], XAResource.TMNOFLAGS);
                            }
                        }
                        case "afterDelivery" -> {
                            if (xaResource != null) {
                                xaResource.end(branch[0], failed[0] ? XAResource.TMFAIL : XAResource.TMSUCCESS);
                                if (failed[0]) {
                                    xaResource.rollback(branch[0]);
                                } else {
                                    xaResource.commit(branch[0], true);
                                }
                            }
                        }
                        case "onMessage" -> {
                            try {
                                onMessage.accept((Message) args[0]);
                            } catch (RuntimeException e) {
                                failed[0] = true;
                                throw e;
                            }
                        }
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

    private record TestXid(int n) implements javax.transaction.xa.Xid {
        @Override public int getFormatId() { return 4711; }
        @Override public byte[] getGlobalTransactionId() { return ("ra-test-" + n).getBytes(); }
        @Override public byte[] getBranchQualifier() { return new byte[] {1}; }
    }
}
