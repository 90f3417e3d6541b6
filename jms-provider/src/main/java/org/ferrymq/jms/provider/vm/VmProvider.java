package org.ferrymq.jms.provider.vm;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.local.LocalChannel;

import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConnectionClose;
import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process connection: a Netty LocalChannel to the broker's {@code localAddress()},
 * carrying {@link AmqpCommand} objects (no sockets, no encoding, message bodies by reference)
 * with exactly AMQP 0-9-1's semantics, since the broker runs the same connection code as for
 * TCP clients.
 *
 * <p>Threading: thread-safe. The LocalChannel's event loop (one of {@link VmThreads#eventLoops()})
 * owns the {@link VmConnectionHandler} and calls {@link #onChannelCommand}, {@link #closedByBroker},
 * {@link #lost} and {@link #closeConfirmed}; application threads open channels and close.
 * Failure listeners are called on the dispatch pool.
 */
final class VmProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(VmProvider.class);
    private static final int REPLY_SUCCESS = 200;
    private static final Duration MIN_RPC_TIMEOUT = Duration.ofSeconds(1);

    private final VmAddress address;
    private final String connectionName;
    private final Duration rpcTimeout;
    private final Map<Integer, VmProviderChannel> channels = new ConcurrentHashMap<>();
    private final List<FailureListener> failureListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> closeOk = new CompletableFuture<>();
    private volatile int channelMax = 1;
    private int nextChannel = 1;   // guarded by channels
    private volatile Channel netty;
    private volatile Map<String, Object> serverProperties = Map.of();

    private VmProvider(VmAddress address, ProviderOptions options) {
        this.address = address;
        this.connectionName = options.connectionName();
        this.rpcTimeout = options.confirmTimeout().compareTo(MIN_RPC_TIMEOUT) < 0 ? MIN_RPC_TIMEOUT : options.confirmTimeout();
    }

    /** Connects to the broker at {@code target} and runs the handshake. */
    static VmProvider connect(VmAddress address, SocketAddress target, ProviderOptions options) throws ProviderException {
        VmProvider provider = new VmProvider(address, options);
        VmConnectionHandler handler = new VmConnectionHandler(provider, address, options.connectionName());
        ChannelFuture connected = new Bootstrap().group(VmThreads.eventLoops()).channel(LocalChannel.class)
                .handler(handler).connect(target);
        Duration handshakeTimeout = provider.rpcTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : provider.rpcTimeout;
        if (!connected.awaitUninterruptibly(handshakeTimeout.toMillis()) || !connected.isSuccess()) {
            connected.channel().close();
            throw new ProviderException(ProviderException.NO_REPLY_CODE, "cannot reach the in-process broker for "
                    + address.describe() + ": " + connected.cause(), true, connected.cause());
        }
        provider.netty = connected.channel();
        try {
            provider.serverProperties = handler.opened().get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            provider.netty.close();
            throw VmFailures.during("connecting to " + address.describe(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            provider.netty.close();
            throw new ProviderException(ProviderException.NO_REPLY_CODE, "connecting to " + address.describe()
                    + ": no handshake within " + handshakeTimeout.toMillis() + " ms", true, e);
        }
        return provider;
    }

    Duration rpcTimeout() {
        return rpcTimeout;
    }

    void channelMax(int max) {
        channelMax = max;
    }

    /** Hands a command to the event loop (in call order per thread); a closed connection drops it. */
    void write(AmqpCommand command) {
        netty.writeAndFlush(command, netty.voidPromise());
    }

    @Override
    public ProviderChannel openChannel(boolean confirms) throws ProviderException {
        VmProviderChannel channel = allocate();
        channel.open(confirms);
        return channel;
    }

    private VmProviderChannel allocate() throws ProviderException {
        if (ended.get() || closing.get()) {
            throw new ProviderException(ProviderException.NO_REPLY_CODE, "channel.open: connection " + description() + " is closed", true, null);
        }
        synchronized (channels) {
            int max = channelMax;
            for (int tried = 0; tried < max; tried++) {
                int number = nextChannel;
                nextChannel = number >= max ? 1 : number + 1;
                if (!channels.containsKey(number)) {
                    VmProviderChannel channel = new VmProviderChannel(this, number);
                    channels.put(number, channel);
                    return channel;
                }
            }
        }
        throw new ProviderException("no channel number left on " + description() + " (channel-max " + channelMax + ")", null);
    }

    /** A channel is closed both ways: its number may be used again. */
    void release(VmProviderChannel channel) {
        channels.remove(channel.number(), channel);
    }

    @Override
    public boolean queueExists(String queue) throws ProviderException {
        try {
            return passive("queue " + queue, ch -> ch.declarePassive(queue));
        } catch (ProviderException e) {
            if (e.replyCode() == 405) {
                return true;   // another connection's exclusive queue (a reply queue): it exists
            }
            throw e;
        }
    }

    @Override
    public boolean exchangeExists(String exchange) throws ProviderException {
        return passive("exchange " + exchange, ch -> ch.declareExchangePassive(exchange));
    }

    @FunctionalInterface
    private interface Check {
        void run(VmProviderChannel channel) throws ProviderException;
    }

    /** A failed passive declare closes its channel, so each check gets a throw-away one. */
    private boolean passive(String what, Check check) throws ProviderException {
        VmProviderChannel channel = (VmProviderChannel) openChannel(false);
        try {
            check.run(channel);
            return true;
        } catch (ProviderException e) {
            if (e.replyCode() == 404) {
                return false;
            }
            throw VmFailures.during("checking " + what, e);
        } finally {
            channel.close();
        }
    }

    // ---- from the event loop ----

    void onChannelCommand(AmqpCommand command) {
        VmProviderChannel channel = channels.get(command.channel());
        if (channel == null) {
            LOG.debug("{}: {} for unknown channel {}", description(), command.method().amqpName(), command.channel());
            return;
        }
        try {
            channel.onCommand(command);
        } catch (RuntimeException e) {
            LOG.warn("{}: handling {} on channel {} failed", description(), command.method().amqpName(), command.channel(), e);
        }
    }

    /** connection.close from the broker (already answered with close-ok). */
    void closedByBroker(ProviderException failure) {
        LOG.debug("{}: the broker closed the connection: {}", description(), failure.getMessage());
        end(failure, !closing.get());
    }

    /** The LocalChannel is gone. */
    void lost(ProviderException failure) {
        end(failure, !closing.get());
    }

    void closeConfirmed() {
        closeOk.complete(null);
    }

    private void end(ProviderException failure, boolean report) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        closeOk.complete(null);
        for (VmProviderChannel channel : channels.values()) {
            if (report) {
                channel.lost(failure);   // a failure, not our own close
            } else {
                channel.closed(failure);
            }
        }
        if (report) {
            LOG.warn("connection {} failed: {}", description(), failure.getMessage());
            for (FailureListener listener : failureListeners) {
                VmThreads.dispatchPool().execute(() -> listener.failed(failure));
            }
        }
    }

    // ---- Provider ----

    @Override
    public void onFailure(FailureListener listener) {
        failureListeners.add(listener);
    }

    @Override
    public String brokerProduct() {
        return serverProperty("product");
    }

    @Override
    public String brokerVersion() {
        return Provider.brokerVersionOf(serverProperties);
    }

    @Override
    public boolean supportsXa() {
        return org.ferrymq.jms.provider.ServerCapabilities.has(serverProperties, org.ferrymq.jms.provider.ServerCapabilities.XA);
    }

    private String serverProperty(String key) {
        Object v = serverProperties.get(key);
        return v == null ? "unknown" : v.toString();
    }

    @Override
    public String description() {
        return connectionName + "@" + address.describe();
    }

    /** connection.close, waiting (bounded) for close-ok; the broker requeues every unacknowledged delivery. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (!ended.get() && netty.isActive()) {
            write(AmqpCommand.of(0, new AmqpConnectionClose(REPLY_SUCCESS, "Goodbye", 0, 0)));
            if (!netty.eventLoop().inEventLoop()) {
                try {
                    closeOk.get(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("{}: no connection.close-ok: {}", description(), e.toString());
                }
            }
        }
        netty.close();
        end(new ProviderException(ProviderException.NO_REPLY_CODE, "connection closed", true, null), false);
    }
}
