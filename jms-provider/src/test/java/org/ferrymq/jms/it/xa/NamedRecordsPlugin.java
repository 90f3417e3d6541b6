package org.ferrymq.jms.it.xa;

import javax.transaction.xa.XAResource;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;
import org.jboss.tm.XAResourceWrapper;

/**
 * Copies the name of a {@link NamedXAResource} into the record Narayana logs for it, as an
 * application server's plugin does (WildFly installs one for IronJacamar's wrappers). Without
 * it a record carries no name, and recovery cannot tell a branch its resource manager finished
 * (the named resource answered {@code recover} without it) from one whose resource manager it
 * did not reach: the record then stays in the log forever, or, with
 * {@code xaAssumeRecoveryComplete}, is dropped even when the branch is still prepared.
 *
 * <p>Threading: stateless.
 */
public final class NamedRecordsPlugin implements XAResourceRecordWrappingPlugin {
    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper named) {
            record.setProductName(named.getProductName());
            record.setProductVersion(named.getProductVersion());
            record.setJndiName(named.getJndiName());
        }
    }

    @Override
    public Integer getEISName(XAResource resource) {
        return 0;   // no EIS name registry: the JNDI name identifies the resource manager
    }

    @Override
    public String getEISName(Integer id) {
        return "unknown eis name";
    }
}
