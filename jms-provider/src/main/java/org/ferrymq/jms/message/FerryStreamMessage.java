package org.ferrymq.jms.message;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;

/**
 * A sequence of typed values; the body is one AMQP field array (see {@link FieldTableCodec}).
 * Write-only until {@link #reset()} or receipt. A read that fails to convert leaves the
 * position where it was, as the spec requires.
 */
public class FerryStreamMessage extends FerryMessage implements StreamMessage {
    private List<Object> values = new ArrayList<>();
    private boolean readable;
    private int position;
    /** Offset inside the byte[] value being read piecewise by readBytes, or -1. */
    private int bytesOffset = -1;

    @Override
    public BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    public byte[] encodeBody() throws JMSException {
        return FieldTableCodec.encodeArray(values);
    }

    @Override
    public void decodeBody(byte[] body) throws JMSException {
        values = FieldTableCodec.decodeArray(body);
        reset();
    }

    @Override
    protected void makeBodyReadOnly() {
        reset();
    }

    @Override
    public void reset() {
        readable = true;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    public void clearBody() {
        values = new ArrayList<>();
        readable = false;
        position = 0;
        bytesOffset = -1;
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object value) throws JMSException;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        if (!readable) {
            throw new MessageNotReadableException("the StreamMessage is write-only; call reset() to read it");
        }
        if (bytesOffset >= 0) {
            throw new MessageFormatException("finish reading the byte[] value with readBytes first");
        }
        if (position >= values.size()) {
            throw new MessageEOFException("end of the StreamMessage");
        }
        T result = conversion.apply(values.get(position));
        position++;
        return result;
    }

    @Override public boolean readBoolean() throws JMSException { return read(TypeConversions::toBoolean); }
    @Override public byte readByte() throws JMSException { return read(TypeConversions::toByte); }
    @Override public short readShort() throws JMSException { return read(TypeConversions::toShort); }
    @Override public char readChar() throws JMSException { return read(TypeConversions::toChar); }
    @Override public int readInt() throws JMSException { return read(TypeConversions::toInt); }
    @Override public long readLong() throws JMSException { return read(TypeConversions::toLong); }
    @Override public float readFloat() throws JMSException { return read(TypeConversions::toFloat); }
    @Override public double readDouble() throws JMSException { return read(TypeConversions::toDouble); }
    @Override public String readString() throws JMSException { return read(TypeConversions::toStringValue); }

    @Override
    public Object readObject() throws JMSException {
        return read(v -> v instanceof byte[] bytes ? bytes.clone() : v);
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        if (!readable) {
            throw new MessageNotReadableException("the StreamMessage is write-only; call reset() to read it");
        }
        if (bytesOffset < 0) {
            if (position >= values.size()) {
                throw new MessageEOFException("end of the StreamMessage");
            }
            Object v = values.get(position);
            if (v == null) {
                position++;
                return -1;
            }
            if (!(v instanceof byte[])) {
                throw new MessageFormatException("the next value is a " + v.getClass().getSimpleName() + ", not byte[]");
            }
            bytesOffset = 0;
        }
        byte[] field = (byte[]) values.get(position);
        int left = field.length - bytesOffset;
        if (left == 0) {
            position++;
            bytesOffset = -1;
            return -1;
        }
        int n = Math.min(left, value.length);
        System.arraycopy(field, bytesOffset, value, 0, n);
        bytesOffset += n;
        if (n < value.length) {
            // a short read tells the caller this value is complete
            position++;
            bytesOffset = -1;
        }
        return n;
    }

    private void write(Object value) throws JMSException {
        if (readable) {
            throw readOnlyBody();
        }
        values.add(value);
    }

    @Override public void writeBoolean(boolean value) throws JMSException { write(value); }
    @Override public void writeByte(byte value) throws JMSException { write(value); }
    @Override public void writeShort(short value) throws JMSException { write(value); }
    @Override public void writeChar(char value) throws JMSException { write(value); }
    @Override public void writeInt(int value) throws JMSException { write(value); }
    @Override public void writeLong(long value) throws JMSException { write(value); }
    @Override public void writeFloat(float value) throws JMSException { write(value); }
    @Override public void writeDouble(double value) throws JMSException { write(value); }
    @Override public void writeString(String value) throws JMSException { write(value); }
    @Override public void writeBytes(byte[] value) throws JMSException { write(value == null ? null : value.clone()); }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] part = new byte[length];
        System.arraycopy(value, offset, part, 0, length);
        write(part);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyValueType(value)) {
            throw new MessageFormatException("a StreamMessage cannot hold a " + value.getClass().getName());
        }
        write(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("a StreamMessage body cannot be read with getBody");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }
}
