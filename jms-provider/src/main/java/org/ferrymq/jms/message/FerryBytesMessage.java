package org.ferrymq.jms.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;

/**
 * An uninterpreted byte body, sent as-is with content-type {@code application/octet-stream}.
 * Write-only until {@link #reset()} or receipt, read-only afterwards (spec section 3.11.3).
 */
public class FerryBytesMessage extends FerryMessage implements BytesMessage {
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    private byte[] data;
    private DataInputStream in;

    @Override
    public BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    public byte[] encodeBody() {
        return currentBytes().clone();
    }

    private byte[] currentBytes() {
        return data != null ? data : written.toByteArray();
    }

    @Override
    public void decodeBody(byte[] body) {
        data = body.clone();
        in = new DataInputStream(new ByteArrayInputStream(data));
    }

    @Override
    protected void makeBodyReadOnly() {
        if (data == null) {
            reset();
        }
    }

    @Override
    public void reset() {
        data = currentBytes();
        in = new DataInputStream(new ByteArrayInputStream(data));
    }

    @Override
    public void clearBody() {
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        data = null;
        in = null;
    }

    @Override
    public long getBodyLength() throws JMSException {
        return reading().length;
    }

    private byte[] reading() throws MessageNotReadableException {
        if (data == null) {
            throw new MessageNotReadableException("the BytesMessage is write-only; call reset() to read it");
        }
        return data;
    }

    private DataOutputStream writing() throws JMSException {
        if (data != null) {
            throw readOnlyBody();
        }
        return out;
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(DataInputStream in) throws IOException;
    }

    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private <T> T read(Read<T> read) throws JMSException {
        reading();
        try {
            in.mark(Integer.MAX_VALUE);
            return read.from(in);
        } catch (EOFException e) {
            resetToMark();
            throw new MessageEOFException("end of the BytesMessage body");
        } catch (IOException e) {
            resetToMark();
            throw new MessageFormatException("cannot read the BytesMessage body: " + e);
        }
    }

    private void resetToMark() {
        try {
            in.reset();
        } catch (IOException ignored) {
            // ByteArrayInputStream always supports reset
        }
    }

    private void write(Write write) throws JMSException {
        try {
            write.to(writing());
        } catch (IOException e) {
            throw new JMSException("cannot write the BytesMessage body: " + e);
        }
    }

    @Override public boolean readBoolean() throws JMSException { return read(DataInputStream::readBoolean); }
    @Override public byte readByte() throws JMSException { return read(DataInputStream::readByte); }
    @Override public int readUnsignedByte() throws JMSException { return read(DataInputStream::readUnsignedByte); }
    @Override public short readShort() throws JMSException { return read(DataInputStream::readShort); }
    @Override public int readUnsignedShort() throws JMSException { return read(DataInputStream::readUnsignedShort); }
    @Override public char readChar() throws JMSException { return read(DataInputStream::readChar); }
    @Override public int readInt() throws JMSException { return read(DataInputStream::readInt); }
    @Override public long readLong() throws JMSException { return read(DataInputStream::readLong); }
    @Override public float readFloat() throws JMSException { return read(DataInputStream::readFloat); }
    @Override public double readDouble() throws JMSException { return read(DataInputStream::readDouble); }
    @Override public String readUTF() throws JMSException { return read(i -> i.readUTF()); }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside 0.." + value.length);
        }
        reading();
        if (length == 0) {
            return 0;
        }
        try {
            return in.read(value, 0, length);
        } catch (IOException e) {
            throw new MessageFormatException(e.toString());
        }
    }

    @Override public void writeBoolean(boolean value) throws JMSException { write(o -> o.writeBoolean(value)); }
    @Override public void writeByte(byte value) throws JMSException { write(o -> o.writeByte(value)); }
    @Override public void writeShort(short value) throws JMSException { write(o -> o.writeShort(value)); }
    @Override public void writeChar(char value) throws JMSException { write(o -> o.writeChar(value)); }
    @Override public void writeInt(int value) throws JMSException { write(o -> o.writeInt(value)); }
    @Override public void writeLong(long value) throws JMSException { write(o -> o.writeLong(value)); }
    @Override public void writeFloat(float value) throws JMSException { write(o -> o.writeFloat(value)); }
    @Override public void writeDouble(double value) throws JMSException { write(o -> o.writeDouble(value)); }
    @Override public void writeUTF(String value) throws JMSException { write(o -> o.writeUTF(value)); }
    @Override public void writeBytes(byte[] value) throws JMSException { write(o -> o.write(value)); }
    @Override public void writeBytes(byte[] value, int offset, int length) throws JMSException { write(o -> o.write(value, offset, length)); }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject(null)");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("a BytesMessage cannot hold a " + value.getClass().getName());
        }
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] bytes = currentBytes();
        if (bytes.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw new MessageFormatException("a BytesMessage body cannot be read as " + c.getName());
        }
        return c.cast(bytes.clone());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return currentBytes().length == 0 || c.isAssignableFrom(byte[].class);
    }
}
