package org.ferrymq.bench.jms;

/** A target that cannot be measured in this run; the message becomes its column's text. */
public final class TargetUnavailableException extends Exception {
    public TargetUnavailableException(String message) {
        super(message);
    }

    public TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
