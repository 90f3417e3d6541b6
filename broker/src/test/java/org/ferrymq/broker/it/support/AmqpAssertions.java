package org.ferrymq.broker.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownNotifier;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Assertions about how the broker closed a channel or connection: AMQP reply code, reply text
 * and the class/method id of the method that failed.
 */
public final class AmqpAssertions {
    private AmqpAssertions() {
    }

    /** Something that talks to the broker and is expected to fail. */
    @FunctionalInterface
    public interface BrokerCall {
        void run() throws Exception;
    }

    /** Runs the call and returns the shutdown signal it failed with (directly or as a cause). */
    public static ShutdownSignalException shutdownFrom(BrokerCall call) {
        try {
            call.run();
        } catch (Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ShutdownSignalException sse) {
                    return sse;
                }
            }
            throw new AssertionError("expected a channel or connection close but got " + t, t);
        }
        throw new AssertionError("expected a channel or connection close but the call succeeded");
    }

    /** The call fails with channel.close carrying this code and failing class/method; returns the reply text. */
    public static String assertChannelError(int code, int classId, int methodId, BrokerCall call) {
        return assertChannelClose(shutdownFrom(call), code, classId, methodId);
    }

    /** The call fails with connection.close carrying this code and failing class/method; returns the reply text. */
    public static String assertConnectionError(int code, int classId, int methodId, BrokerCall call) {
        return assertConnectionClose(shutdownFrom(call), code, classId, methodId);
    }

    public static String assertChannelClose(ShutdownSignalException sse, int code, int classId, int methodId) {
        assertThat(sse.isHardError()).as("channel error expected, got %s", sse.getReason()).isFalse();
        assertThat(sse.getReason()).as("reason").isInstanceOf(AMQP.Channel.Close.class);
        AMQP.Channel.Close close = (AMQP.Channel.Close) sse.getReason();
        assertThat(close.getReplyCode()).as("reply code of %s", close).isEqualTo(code);
        assertThat(close.getClassId()).as("class id of %s", close).isEqualTo(classId);
        assertThat(close.getMethodId()).as("method id of %s", close).isEqualTo(methodId);
        return close.getReplyText();
    }

    public static String assertConnectionClose(ShutdownSignalException sse, int code, int classId, int methodId) {
        assertThat(sse.isHardError()).as("connection error expected, got %s", sse.getReason()).isTrue();
        assertThat(sse.getReason()).as("reason").isInstanceOf(AMQP.Connection.Close.class);
        AMQP.Connection.Close close = (AMQP.Connection.Close) sse.getReason();
        assertThat(close.getReplyCode()).as("reply code of %s", close).isEqualTo(code);
        assertThat(close.getClassId()).as("class id of %s", close).isEqualTo(classId);
        assertThat(close.getMethodId()).as("method id of %s", close).isEqualTo(methodId);
        return close.getReplyText();
    }

    /** A future completed when the channel or connection shuts down (for errors caused by async methods). */
    public static CompletableFuture<ShutdownSignalException> shutdownOf(ShutdownNotifier notifier) {
        CompletableFuture<ShutdownSignalException> f = new CompletableFuture<>();
        notifier.addShutdownListener(f::complete);
        if (!notifier.isOpen()) {
            f.complete(notifier.getCloseReason());
        }
        return f;
    }

    /** Waits for the shutdown of a channel or connection (5 s at most). */
    public static ShutdownSignalException awaitShutdown(CompletableFuture<ShutdownSignalException> shutdown) {
        try {
            return shutdown.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("no shutdown within 5 s", e);
        }
    }

    /** Sends a round trip on the channel so that any asynchronous error it caused has arrived. */
    public static void sync(Channel ch) throws java.io.IOException {
        ch.basicQos(0);
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
