package org.ferrymq.bench;

/**
 * Whether FerryMQ met its target in a scenario. {@link #NOT_LIKE_FOR_LIKE}: the two sides give
 * different guarantees there (FerryMQ waits for the broker, the peer does not), so the ratio is
 * shown but not judged; only the JMS harness gives it.
 */
public enum Verdict {
    PASS("✅ pass"),
    FAIL("❌ fail"),
    NO_DATA("— no data"),
    NOT_LIKE_FOR_LIKE("— not like for like");

    private final String marker;

    Verdict(String marker) {
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }
}
