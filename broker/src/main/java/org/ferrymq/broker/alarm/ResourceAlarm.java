package org.ferrymq.broker.alarm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's memory and disk alarms, as in RabbitMQ: while one is raised, connections that
 * publish are blocked ({@code connection.blocked}) instead of the broker running out; consumers
 * keep draining. Raised and cleared by the {@link ResourceMonitor}; read by every connection.
 * Thread-safe.
 */
public final class ResourceAlarm {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceAlarm.class);

    private volatile String reason;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ResourceUsage usage = new ResourceUsage(this);

    /** Where connections charge what they publish and receive, so the alarm reacts between measurements. */
    public ResourceUsage usage() {
        return usage;
    }

    /** The reason publishers are blocked ("low on memory", "low on disk space"), or null when clear. */
    public String reason() {
        return reason;
    }

    public boolean raised() {
        return reason != null;
    }

    /** Called with the new reason (null = cleared) on every change, from the monitor's thread. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    synchronized void update(String newReason, String detail) {
        String old = reason;
        if (java.util.Objects.equals(old, newReason)) {
            return;
        }
        reason = newReason;
        if (newReason != null) {
            LOG.warn("Resource alarm raised: {} ({}); publishing connections are blocked until it clears", newReason, detail);
        } else {
            LOG.info("Resource alarm cleared; publishers unblocked");
        }
        for (Consumer<String> listener : listeners) {
            listener.accept(newReason);
        }
    }
}
