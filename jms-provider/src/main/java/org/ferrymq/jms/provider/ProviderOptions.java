package org.ferrymq.jms.provider;

import java.time.Duration;

/**
 * Transport settings that come from the connection factory's configuration.
 *
 * @param connectionName shown by the broker's management tools
 * @param confirmTimeout how long a synchronous send waits for its publisher confirm
 * @param tls            what an {@code amqps://} connection trusts and presents
 */
public record ProviderOptions(String connectionName, Duration confirmTimeout, boolean automaticRecovery, TlsTrust tls) {

    public ProviderOptions(String connectionName, Duration confirmTimeout, boolean automaticRecovery) {
        this(connectionName, confirmTimeout, automaticRecovery, TlsTrust.DEFAULT);
    }
}
