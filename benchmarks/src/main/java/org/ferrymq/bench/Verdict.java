package org.ferrymq.bench;

/** Whether FerryMQ met its target in a scenario. */
public enum Verdict {
    PASS("✅ pass"),
    FAIL("❌ fail"),
    NO_DATA("— no data");

    private final String marker;

    Verdict(String marker) {
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }
}
