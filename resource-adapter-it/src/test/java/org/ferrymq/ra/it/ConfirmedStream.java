package org.ferrymq.ra.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;

/**
 * Sends {@code stream-0, stream-1, ...} (int property {@code n} = the number), persistent, one
 * every {@code pauseMs}, until told to stop; each send is confirmed by the broker or refused, so
 * the test knows which messages the broker owes the MDB. A refused send (the broker is down)
 * drops the connection, and the next send opens a new one.
 */
public final class ConfirmedStream implements Runnable {
    /** The numbers of the messages whose send returned: the broker confirmed them. */
    public final Set<Integer> confirmed = ConcurrentHashMap.newKeySet();
    public final AtomicInteger refused = new AtomicInteger();
    private final String brokerUri;
    private final String queue;
    private final long pauseMs;
    private volatile boolean sending = true;
    private Thread thread;

    public ConfirmedStream(String brokerUri, String queue, long pauseMs) {
        this.brokerUri = brokerUri;
        this.queue = queue;
        this.pauseMs = pauseMs;
    }

    public static String text(int n) {
        return "stream-" + n;
    }

    public void start() {
        thread = new Thread(this, "stream-producer");
        thread.start();
    }

    /** Stops sending and waits for the last send to end. */
    public void stop() throws InterruptedException {
        sending = false;
        thread.join(120_000);
    }

    @Override
    public void run() {
        FerryConnectionFactory factory = new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(brokerUri).automaticRecovery(false).build());
        JMSContext context = null;
        for (int i = 0; sending; i++) {
            try {
                if (context == null) {
                    context = factory.createContext();
                }
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty("n", i).send(context.createQueue(queue), text(i));
                confirmed.add(i);   // send returned: the broker confirmed it
                Thread.sleep(pauseMs);
            } catch (JMSRuntimeException e) {
                refused.incrementAndGet();
                closeQuietly(context);
                context = null;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
        closeQuietly(context);
    }

    private static void closeQuietly(JMSContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (JMSRuntimeException e) {
                // the broker is gone: nothing to close cleanly
            }
        }
    }
}
