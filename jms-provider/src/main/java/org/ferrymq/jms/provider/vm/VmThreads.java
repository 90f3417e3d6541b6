package org.ferrymq.jms.provider.vm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The threads every {@code vm:} connection of this JVM shares, all daemons so they never keep
 * the JVM alive: a small Netty event loop group that owns the client ends of the LocalChannels
 * (reads commands, never blocks), and a cached pool on which each channel's deliveries run
 * through its own {@link SerialExecutor}.
 */
final class VmThreads {
    private static final EventLoopGroup EVENT_LOOPS =
            new DefaultEventLoopGroup(2, new DefaultThreadFactory("ferrymq-vm-client", true));
    private static final ExecutorService DISPATCH = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new DefaultThreadFactory("ferrymq-vm-dispatch", true));

    private VmThreads() {
    }

    static EventLoopGroup eventLoops() {
        return EVENT_LOOPS;
    }

    static ExecutorService dispatchPool() {
        return DISPATCH;
    }

    /** True on one of the event loops: code there must never wait for a reply (it would wait for itself). */
    static boolean onEventLoop() {
        for (io.netty.util.concurrent.EventExecutor loop : EVENT_LOOPS) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
