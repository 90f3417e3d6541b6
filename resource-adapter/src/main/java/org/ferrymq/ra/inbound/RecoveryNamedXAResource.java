package org.ferrymq.ra.inbound;

import javax.transaction.xa.XAResource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a delivery's XAResource the JNDI name of the connection definition WildFly recovers
 * FerryMQ through (RA property {@code RecoveryJndiName}), as WildFly's own wrappers do for data
 * sources and pooled factories. Narayana logs that name with the branch; after a crash in the
 * commit phase it can then match the logged branch to the recovered FerryMQ XAResource and, when
 * the broker no longer lists it (it committed before the crash), finish the transaction instead of
 * retrying it forever ("ARJUNA016037 ... eis_name=unknown eis name").
 *
 * <p>The name travels through {@code org.jboss.tm.XAResourceWrapper} ({@link JBossNamedXAResource}),
 * used only where the server makes it visible to the adapter (WildFly, through the .rar's
 * jboss-deployment-structure.xml); elsewhere the XAResource is passed as it is. Stateless.
 */
final class RecoveryNamedXAResource {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryNamedXAResource.class);
    private static final String WRAPPER = "org.jboss.tm.XAResourceWrapper";
    private static volatile boolean warned;

    private RecoveryNamedXAResource() {
    }

    static XAResource wrap(XAResource resource, String jndiName) {
        if (resource == null || jndiName == null) {
            return resource;
        }
        try {
            Class.forName(WRAPPER, false, RecoveryNamedXAResource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            if (!warned) {
                warned = true;
                LOG.warn("RecoveryJndiName {} is set but {} is not visible to the adapter; deliveries' XAResources carry no name", jndiName, WRAPPER);
            }
            return resource;
        }
        return new JBossNamedXAResource(resource, jndiName);
    }
}
