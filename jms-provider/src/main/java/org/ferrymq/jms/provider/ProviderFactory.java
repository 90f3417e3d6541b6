package org.ferrymq.jms.provider;

import java.net.URI;

/**
 * Opens {@link Provider}s for one URI scheme. Implementations are found with
 * {@link java.util.ServiceLoader} (META-INF/services), so a transport such as the in-process
 * {@code vm://} one plugs in by adding a class and a service entry, nothing else.
 */
public interface ProviderFactory {
    /** The schemes handled, e.g. {@code amqp} and {@code amqps}. */
    java.util.Set<String> schemes();

    /**
     * @param user     overrides the user in the URI when not null
     * @param password overrides the password in the URI when not null
     */
    Provider connect(URI uri, String user, String password, ProviderOptions options) throws ProviderException;
}
