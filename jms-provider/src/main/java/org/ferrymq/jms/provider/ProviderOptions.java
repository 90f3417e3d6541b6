package org.ferrymq.jms.provider;

import java.time.Duration;

/**
 * Transport settings that come from the connection factory's configuration.
 *
 * @param connectionName shown by the broker's management tools
 * @param confirmTimeout how long a synchronous send waits for its publisher confirm
 * @param tls            what an {@code amqps://} connection trusts and presents
 * @param recoveryInterval how long automatic recovery waits between reconnect attempts
 */
public record ProviderOptions(String connectionName, Duration confirmTimeout, boolean automaticRecovery, TlsTrust tls,
                              Duration recoveryInterval) {
    /** The RabbitMQ Java client's default. */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    public ProviderOptions(String connectionName, Duration confirmTimeout, boolean automaticRecovery) {
        this(connectionName, confirmTimeout, automaticRecovery, TlsTrust.DEFAULT, DEFAULT_RECOVERY_INTERVAL);
    }
}
