package org.ferrymq.jms.provider.amqp;

import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedEntity;
import com.rabbitmq.client.impl.recovery.RecordedNamedEntity;

import org.ferrymq.jms.provider.Provider.FailureListener;
import org.ferrymq.jms.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what the RabbitMQ client's automatic recovery does and forwards its failures to the
 * provider's {@link FailureListener}: without it a reconnect or a topology recovery that fails
 * is only logged by the client, and the JMS ExceptionListener never knows.
 *
 * <p>Failed reconnect attempts are rate-limited: the client retries every recovery interval for
 * as long as the broker is away, so the first failure of an outage is reported, then every
 * {@value #REPORT_EVERY_NTH_ATTEMPT}th. A topology recovery failure (a queue deleted meanwhile, an
 * exclusive queue another connection now holds) is reported each time, naming what failed.
 * Everything else is left to the client's forgiving handler (log, keep the connection).
 *
 * <p>Threading: called on the client's recovery and connection threads; the listener is volatile.
 */
final class RecoveryReporter extends ForgivingExceptionHandler implements RecoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryReporter.class);
    static final int REPORT_EVERY_NTH_ATTEMPT = 10;

    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile FailureListener listener;
    private volatile String connectionName = "connection";

    void reportTo(FailureListener listener, String connectionName) {
        this.listener = listener;
        this.connectionName = connectionName;
    }

    @Override
    public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
        int attempt = failedAttempts.incrementAndGet();
        LOG.warn("{}: reconnect attempt {} failed: {}", connectionName, attempt, exception.toString());
        if (attempt == 1 || attempt % REPORT_EVERY_NTH_ATTEMPT == 0) {
            report(AmqpFailures.translate("automatic recovery: reconnect attempt " + attempt + " failed"
                    + " (reported on the first failure and every " + REPORT_EVERY_NTH_ATTEMPT + "th; still trying)", exception));
        }
    }

    @Override
    public void handleChannelRecoveryException(Channel ch, Throwable exception) {
        LOG.warn("{}: recovering channel {} failed: {}", connectionName, ch.getChannelNumber(), exception.toString());
        report(AmqpFailures.translate("automatic recovery: channel " + ch.getChannelNumber() + " could not be reopened", exception));
    }

    @Override
    public void handleTopologyRecoveryException(Connection conn, Channel ch, TopologyRecoveryException exception) {
        String what = describe(exception.getRecordedEntity());
        LOG.warn("{}: topology recovery of {} failed: {}", connectionName, what, exception.getMessage());
        Throwable cause = exception.getCause() == null ? exception : exception.getCause();
        ProviderException translated = AmqpFailures.translate("automatic recovery: " + what + " could not be recovered", cause);
        report(new ProviderException(translated.replyCode(), translated.getMessage(), false, exception));
    }

    @Override
    public void handleRecoveryStarted(Recoverable recoverable) {
        LOG.info("{}: connection lost, automatic recovery started", connectionName);
    }

    @Override
    public void handleRecovery(Recoverable recoverable) {
        int attempts = failedAttempts.getAndSet(0);
        LOG.info("{}: automatic recovery completed (after {} failed reconnect attempts)", connectionName, attempts);
    }

    private static String describe(RecordedEntity entity) {
        if (entity instanceof RecordedConsumer consumer) {
            return "consumer " + consumer.getConsumerTag() + " on queue " + consumer.getQueue();
        }
        if (entity instanceof RecordedNamedEntity named) {
            String kind = entity.getClass().getSimpleName().replace("Recorded", "").toLowerCase(java.util.Locale.ROOT);
            return kind + " " + named.getName();
        }
        return entity == null ? "the topology" : entity.toString();
    }

    private void report(ProviderException failure) {
        FailureListener l = listener;
        if (l != null) {
            l.failed(failure);
        }
    }
}
