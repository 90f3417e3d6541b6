package org.ferrymq.jms.it.xa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;

/**
 * Narayana JTA, configured once per JVM: its object store (the transaction log) in a directory
 * of the caller's choosing or a temporary one, and a node identifier so its recovery only takes
 * branches it made.
 */
public final class Narayana {
    private static TransactionManager manager;

    private Narayana() {
    }

    /** The JVM's transaction manager, its log in a new temporary directory. */
    public static synchronized TransactionManager transactionManager() {
        if (manager == null) {
            try {
                configure(Files.createTempDirectory("narayana-it-"), "ferrymq-it");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manager;
    }

    /** Sets the object store directory and node id; must come before any other Narayana use in the JVM. */
    public static synchronized TransactionManager configure(Path objectStore, String nodeId) {
        String dir = objectStore.toAbsolutePath().toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(nodeId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        manager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        return manager;
    }
}
