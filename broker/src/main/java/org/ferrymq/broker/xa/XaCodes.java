package org.ferrymq.broker.xa;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * The X/Open XA return codes and flags, as Java's {@code javax.transaction.xa} numbers them (the
 * JDK's {@code java.transaction.xa} module, not Jakarta Messaging): the wire carries these numbers.
 */
public final class XaCodes {
    public static final int XA_OK = XAResource.XA_OK;
    public static final int XA_RDONLY = XAResource.XA_RDONLY;
    public static final int XA_RBROLLBACK = XAException.XA_RBROLLBACK;
    public static final int XA_RBTIMEOUT = XAException.XA_RBTIMEOUT;
    public static final int XAER_RMERR = XAException.XAER_RMERR;
    public static final int XAER_NOTA = XAException.XAER_NOTA;
    public static final int XAER_INVAL = XAException.XAER_INVAL;
    public static final int XAER_PROTO = XAException.XAER_PROTO;
    public static final int XAER_RMFAIL = XAException.XAER_RMFAIL;
    public static final int XAER_DUPID = XAException.XAER_DUPID;

    public static final int TMNOFLAGS = XAResource.TMNOFLAGS;
    public static final int TMJOIN = XAResource.TMJOIN;
    public static final int TMRESUME = XAResource.TMRESUME;
    public static final int TMSUCCESS = XAResource.TMSUCCESS;
    public static final int TMFAIL = XAResource.TMFAIL;
    public static final int TMSUSPEND = XAResource.TMSUSPEND;
    public static final int TMONEPHASE = XAResource.TMONEPHASE;
    public static final int TMSTARTRSCAN = XAResource.TMSTARTRSCAN;
    public static final int TMENDRSCAN = XAResource.TMENDRSCAN;

    private XaCodes() {
    }
}
