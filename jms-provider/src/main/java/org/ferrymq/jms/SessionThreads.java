package org.ferrymq.jms;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The two threads a session may own, each created on first use: the dispatch thread, which
 * runs the session's MessageListeners one at a time (JMS sessions are single-threaded), and
 * the completion thread, which runs CompletionListeners in send order.
 *
 * <p>Threading: thread-safe.
 */
final class SessionThreads {
    private final int sessionNumber;
    private ExecutorService dispatcher;
    private volatile Thread dispatchThread;
    private ExecutorService completions;
    private volatile Thread completionThread;
    private boolean shutDown;

    SessionThreads(int sessionNumber) {
        this.sessionNumber = sessionNumber;
    }

    /** Runs a task on the dispatch thread; ignored once shut down. */
    void dispatch(Runnable task) {
        ExecutorService d = dispatcher();
        if (d != null) {
            try {
                d.execute(task);
            } catch (RejectedExecutionException closing) {
                // the session is closing: its deliveries are requeued by the broker
            }
        }
    }

    /** Runs a task on the completion thread. */
    synchronized void complete(Runnable task) {
        if (completions == null) {
            completions = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ferrymq-jms-completion-" + sessionNumber);
                t.setDaemon(true);
                completionThread = t;
                return t;
            });
        }
        completions.execute(task);
    }

    boolean isDispatchThread() {
        return Thread.currentThread() == dispatchThread;
    }

    boolean isCompletionThread() {
        return Thread.currentThread() == completionThread;
    }

    /** Returns once no MessageListener is running (at once when called from one). */
    void awaitIdle() {
        ExecutorService d;
        synchronized (this) {
            d = dispatcher;
        }
        if (d == null || isDispatchThread() || d.isShutdown()) {
            return;
        }
        try {
            Future<?> marker = d.submit(() -> { });
            marker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Stops both threads after their current task; waits for the dispatcher unless called from it. */
    void shutDown() {
        ExecutorService d;
        synchronized (this) {
            shutDown = true;
            d = dispatcher;
            if (dispatcher != null) {
                dispatcher.shutdown();
            }
            if (completions != null) {
                completions.shutdown();
            }
        }
        if (d != null && !isDispatchThread()) {
            try {
                d.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized ExecutorService dispatcher() {
        if (shutDown) {
            return null;
        }
        if (dispatcher == null) {
            dispatcher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ferrymq-jms-session-" + sessionNumber);
                t.setDaemon(true);
                dispatchThread = t;
                return t;
            });
        }
        return dispatcher;
    }
}
