package org.ferrymq.broker.management;

/**
 * An XA transaction branch as the management API shows it.
 *
 * @param vhost           the vhost whose resource manager holds it
 * @param xid             {@code formatId:globalIdHex:branchQualifierHex}, the form the commands take
 * @param formatId        the Xid's format id
 * @param globalId        the global transaction id, hex
 * @param branchQualifier the branch qualifier, hex
 * @param state           {@code ACTIVE}, {@code SUSPENDED}, {@code IDLE}, {@code ROLLBACK_ONLY} or {@code PREPARED}
 * @param createdAtMillis when it was started (or restored from the store by this broker run)
 * @param ageMillis       how long ago that was
 * @param connection      the management name of the connection that started it, or null once that
 *                        is gone (a prepared branch outliving its connection, or restored at start-up)
 * @param heldPublishes   publishes held until the outcome
 * @param heldAcks        acks held until the outcome
 * @param inDoubt         prepared and without a connection: waiting for a transaction manager's
 *                        recovery, or for an operator
 */
public record XaBranchView(String vhost, String xid, int formatId, String globalId, String branchQualifier,
                           String state, long createdAtMillis, long ageMillis, String connection, int heldPublishes,
                           int heldAcks, boolean inDoubt) {
}
