package org.ferrymq.jms.provider.vm;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.jms.provider.ProviderException;

/**
 * The synchronous-method slot of one AMQP channel: AMQP 0-9-1 allows one outstanding
 * synchronous request per channel, answered in order, so callers take turns, each writes its
 * method and waits (with a timeout) for the reply, or for the channel's or connection's close.
 *
 * <p>Threading: {@link #call} runs on application threads (never the event loop: it would wait
 * for itself); {@link #complete} and {@link #fail} run on the connection's event loop (fail also
 * on a closing thread).
 */
final class VmRpc {
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Consumer<AmqpCommand> out;
    private final int channel;
    private final Duration timeout;
    private volatile CompletableFuture<AmqpCommand> pending;
    private volatile ProviderException failure;
    private volatile boolean timedOut;

    VmRpc(int channel, Consumer<AmqpCommand> out, Duration timeout) {
        this.channel = channel;
        this.out = out;
        this.timeout = timeout;
    }

    /** Sends {@code method} and returns the reply command; a channel/connection close fails the call. */
    AmqpCommand call(String doing, AmqpMethod method) throws ProviderException {
        if (VmThreads.onEventLoop()) {
            throw new ProviderException(doing + ": a synchronous AMQP method cannot be called on the vm:// event loop"
                    + " (from a publisher-confirm callback?): hand the work to another thread", null);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!turn.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProviderException(doing + ": another request on this channel is still waiting for its reply", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(doing + ": interrupted", e);
        }
        try {
            CompletableFuture<AmqpCommand> reply = new CompletableFuture<>();
            pending = reply;                       // before the failure check: fail() reads it after setting failure
            ProviderException failed = failure;
            if (failed != null) {
                throw VmFailures.during(doing, failed);
            }
            out.accept(AmqpCommand.of(channel, method));
            try {
                return reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw VmFailures.during(doing, e.getCause());
            } catch (TimeoutException e) {
                // a late reply would be taken for the answer to the next request: this channel is done
                timedOut = true;
                ProviderException timeoutFailure = new ProviderException(doing + ": no reply within " + timeout.toMillis() + " ms", e);
                fail(timeoutFailure);
                throw timeoutFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(doing + ": interrupted while waiting for the reply", e);
            }
        } finally {
            pending = null;
            turn.unlock();
        }
    }

    /** A reply arrived; false if nobody was waiting (then it is not a reply). */
    boolean complete(AmqpCommand reply) {
        CompletableFuture<AmqpCommand> waiting = pending;
        return waiting != null && waiting.complete(reply);
    }

    /** From now on every call fails with {@code cause}; a waiting call fails now. */
    void fail(ProviderException cause) {
        if (failure == null) {
            failure = cause;
        }
        CompletableFuture<AmqpCommand> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(cause);
        }
    }

    /** True once a call gave up waiting: the channel's request/reply pairing is lost. */
    boolean timedOut() {
        return timedOut;
    }
}
