package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

/**
 * The tutorial's RPC client (tutorial six) over direct reply-to: requests go out with
 * {@code reply_to = amq.rabbitmq.reply-to} and a fresh {@code correlation_id}; the broker hands
 * the server's answer straight to this channel's consumer of the pseudo-queue
 * {@code amq.rabbitmq.reply-to} (no-ack, on the same channel as the publishes, as RabbitMQ
 * requires), with no reply queue to declare or delete. An answer is JSON; an {@code error} answer
 * becomes a {@link GameError}.
 *
 * <p>Threads: {@link #call} may be called from any thread (publishes are synchronized); the Java
 * client's consumer thread completes the waiting calls.
 */
public final class DirectReplyToRpc {
    public static final String REPLY_TO = "amq.rabbitmq.reply-to";
    private static final long TIMEOUT_MS = 10_000;

    private final Channel channel;
    private final String exchange;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    public DirectReplyToRpc(Channel channel, String exchange) throws IOException {
        this.channel = channel;
        this.exchange = exchange;
        channel.basicConsume(REPLY_TO, true, (tag, delivery) -> {
            CompletableFuture<JsonNode> call = waiting.remove(String.valueOf(delivery.getProperties().getCorrelationId()));
            if (call != null) {
                try {
                    call.complete(GameJson.parse(delivery.getBody()));
                } catch (IOException notJson) {
                    call.completeExceptionally(notJson);
                }
            }
        }, tag -> { });
    }

    /** Publishes the request and waits (10 s at most) for the answer with its correlation id. */
    public JsonNode call(String routingKey, byte[] body) throws IOException, GameError, InterruptedException {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(correlationId, answer);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .replyTo(REPLY_TO).correlationId(correlationId).build();
        try {
            synchronized (channel) {
                channel.basicPublish(exchange, routingKey, properties, body);
            }
            return GameClient.answerOrThrow(answer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw new IOException("the answer to " + routingKey + " is not JSON", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + routingKey + " within " + TIMEOUT_MS + " ms");
        } finally {
            waiting.remove(correlationId);
        }
    }
}
