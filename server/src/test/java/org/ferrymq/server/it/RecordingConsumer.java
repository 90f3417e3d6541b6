package org.ferrymq.server.it;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Consumes one queue with manual acks: records each delivery's sequence number in the ledger,
 * then acks it (a message is "processed" once recorded). Deliveries arrive on the client's
 * consumer thread.
 */
final class RecordingConsumer implements AutoCloseable {
    private final Connection connection;
    private final AtomicLong lastDeliveryNanos = new AtomicLong(System.nanoTime());

    private RecordingConsumer(Connection connection) {
        this.connection = connection;
    }

    /**
     * Starts consuming; {@code pauseNanos} is spent on each message before recording it (a slow
     * consumer keeps a backlog in the queue), 0 for none.
     */
    static RecordingConsumer start(ConnectionFactory factory, String queue, SequenceLedger ledger, int cycle, long pauseNanos)
            throws IOException, TimeoutException {
        Connection connection = factory.newConnection("crash-it-consumer");
        RecordingConsumer consumer = new RecordingConsumer(connection);
        Channel ch = connection.createChannel();
        ch.basicQos(200);
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
                consumer.lastDeliveryNanos.set(System.nanoTime());
                long seq = ((Number) props.getHeaders().get(SequencePublisher.SEQ)).longValue();
                ledger.received(seq, envelope.isRedeliver(), cycle);
                try {
                    ch.basicAck(envelope.getDeliveryTag(), false);
                    ledger.acked(seq); // sent; whether the broker stored the ack before a kill is not known
                } catch (IOException | RuntimeException e) {
                    // the broker went away: the message must come back
                }
            }
        });
        return consumer;
    }

    /** Nanoseconds since the last delivery. */
    long idleNanos() {
        return System.nanoTime() - lastDeliveryNanos.get();
    }

    @Override
    public void close() {
        connection.abort(2000);
    }
}
