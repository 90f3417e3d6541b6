package org.ferrymq.jms.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

/**
 * A serializable object body. The object is serialized when set (so later changes to it do
 * not leak into the message) and deserialized on each read; this is the one place Java
 * serialization is used, because ObjectMessage is defined by it. Headers never are.
 */
public class FerryObjectMessage extends FerryMessage implements ObjectMessage {
    private byte[] serialized;
    private boolean readOnly;

    @Override
    public BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        if (readOnly) {
            throw readOnlyBody();
        }
        serialized = object == null ? null : serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        try (ObjectInputStream in = new ContextClassLoaderObjectInput(new ByteArrayInputStream(serialized))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            MessageFormatException ex = new MessageFormatException("cannot deserialize the ObjectMessage body: " + e);
            ex.setLinkedException(e);
            throw ex;
        }
    }

    private static byte[] serialize(Serializable object) throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException ex = new MessageFormatException("cannot serialize " + object.getClass().getName() + ": " + e);
            ex.setLinkedException(e);
            throw ex;
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] encodeBody() {
        return serialized == null ? new byte[0] : serialized.clone();
    }

    @Override
    public void decodeBody(byte[] body) {
        serialized = body.length == 0 ? null : body.clone();
    }

    @Override
    protected void makeBodyReadOnly() {
        readOnly = true;
    }

    @Override
    public void clearBody() {
        serialized = null;
        readOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw new MessageFormatException("an ObjectMessage body of " + object.getClass().getName() + " cannot be read as " + c.getName());
        }
        return c.cast(object);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c.isInstance(getObject());
        } catch (JMSException e) {
            return false;
        }
    }

    /** Resolves classes with the thread's context class loader first (application servers). */
    private static final class ContextClassLoaderObjectInput extends ObjectInputStream {
        ContextClassLoaderObjectInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException ignored) {
                    // fall back to the default resolution
                }
            }
            return super.resolveClass(desc);
        }
    }
}
