package org.ferrymq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class JmsExceptionsTest {

    private static JMSException map(int code) {
        return JmsExceptions.from(new ProviderException(code, "text " + code, false, null));
    }

    @Test
    void replyCodesMapToJmsExceptions() {
        assertInstanceOf(InvalidDestinationException.class, map(404));
        assertEquals("404", map(404).getErrorCode());
        assertInstanceOf(JMSSecurityException.class, map(403));
        assertInstanceOf(JMSSecurityException.class, map(530));
        assertInstanceOf(JMSSecurityException.class, map(ProviderException.AUTHENTICATION_FAILED));
        assertEquals("403", map(ProviderException.AUTHENTICATION_FAILED).getErrorCode());
        assertInstanceOf(IllegalStateException.class, map(405));
        assertInstanceOf(IllegalStateException.class, map(406));
        assertInstanceOf(ResourceAllocationException.class, map(311));
        assertEquals(JMSException.class, map(541).getClass());
        assertEquals(JMSException.class, map(0).getClass());
        assertEquals(null, map(0).getErrorCode());
        assertInstanceOf(ProviderException.class, map(404).getLinkedException());
    }

    @Test
    void checkedExceptionsMapToTheirRuntimeTwins() {
        assertInstanceOf(InvalidDestinationRuntimeException.class, JmsExceptions.toRuntime(new InvalidDestinationException("x")));
        assertInstanceOf(JMSSecurityRuntimeException.class, JmsExceptions.toRuntime(new JMSSecurityException("x")));
        assertInstanceOf(InvalidSelectorRuntimeException.class, JmsExceptions.toRuntime(new InvalidSelectorException("x")));
        assertInstanceOf(IllegalStateRuntimeException.class, JmsExceptions.toRuntime(new IllegalStateException("x")));
        assertInstanceOf(MessageFormatRuntimeException.class, JmsExceptions.toRuntime(new MessageFormatException("x")));
        assertInstanceOf(TransactionRolledBackRuntimeException.class, JmsExceptions.toRuntime(new TransactionRolledBackException("x")));
        JMSException plain = new JMSException("plain", "42");
        JMSRuntimeException r = JmsExceptions.toRuntime(plain);
        assertEquals(JMSRuntimeException.class, r.getClass());
        assertEquals("42", r.getErrorCode());
        assertSame(plain, r.getCause());
    }
}
