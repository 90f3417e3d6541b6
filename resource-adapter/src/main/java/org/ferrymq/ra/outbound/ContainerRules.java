package org.ferrymq.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/**
 * The "Jakarta EE" chapter of Jakarta Messaging 3.1 (section 12.2): what an application in a web
 * or EJB container may not call on a connection, session, consumer or context, with the
 * exception the specification names.
 */
final class ContainerRules {
    private ContainerRules() {
    }

    static IllegalStateException refused(String method) {
        return new IllegalStateException(method + " must not be called in a Jakarta EE web or EJB container "
                + "(Jakarta Messaging 3.1, section 12.2); use a message-driven bean to receive asynchronously");
    }

    static IllegalStateRuntimeException refusedRuntime(String method) {
        return new IllegalStateRuntimeException(refused(method).getMessage());
    }
}
