package org.ferrymq.broker.xa;

/**
 * An XA operation refused or failed with an XA error code ({@link XaCodes}): the channel answers
 * it with that code and stays open (an XA error is the caller's to handle, not a channel error).
 */
public final class XaFailure extends RuntimeException {
    private final int code;

    public XaFailure(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
