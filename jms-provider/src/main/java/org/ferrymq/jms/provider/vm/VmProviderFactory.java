package org.ferrymq.jms.provider.vm;

import java.net.URI;
import java.util.Set;

import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderFactory;
import org.ferrymq.jms.provider.ProviderOptions;

/**
 * The {@code vm:} transport: AMQP 0-9-1 with a FerryMQ broker running in this JVM, over a Netty
 * LocalChannel instead of a socket (see {@link VmAddress} for the URI forms and
 * {@link VmBrokers} for which broker a URI reaches). Consumers on it can have selectors
 * evaluated by the broker. No automatic recovery: an in-process connection only fails when
 * its broker stops.
 */
public final class VmProviderFactory implements ProviderFactory {
    @Override
    public Set<String> schemes() {
        return Set.of("vm");
    }

    @Override
    public Provider connect(URI uri, String user, String password, ProviderOptions options) throws ProviderException {
        VmAddress address = VmAddress.parse(uri, user, password);
        return VmProvider.connect(address, VmBrokers.localAddress(address), options);
    }
}
