package org.ferrymq.broker.xa;

/**
 * One XA transaction branch as management sees it, copied under the resource manager's lock.
 *
 * @param xid             the branch's Xid
 * @param state           {@code ACTIVE}, {@code SUSPENDED}, {@code IDLE}, {@code ROLLBACK_ONLY} or {@code PREPARED}
 * @param createdAtMillis when the branch was started (for a prepared branch restored from the
 *                        store: when this broker run restored it)
 * @param connection      the connection that started it (opaque, for the broker to name), or null
 *                        once it is gone (a prepared branch outliving its connection or a restart)
 * @param heldPublishes   messages published in the branch, held until its outcome
 * @param heldAcks        deliveries acked (or rejected) in the branch, held until its outcome
 * @param restored        restored from the store at start-up
 */
public record XaBranchInfo(BranchXid xid, String state, long createdAtMillis, Object connection, int heldPublishes,
                           int heldAcks, boolean restored) {
    public boolean prepared() {
        return "PREPARED".equals(state);
    }
}
