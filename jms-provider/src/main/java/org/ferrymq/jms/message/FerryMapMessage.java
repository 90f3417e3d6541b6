package org.ferrymq.jms.message;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

/** Named, typed values; the body is one AMQP field table (see {@link FieldTableCodec}). */
public class FerryMapMessage extends FerryMessage implements MapMessage {
    private Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    @Override
    public BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    public byte[] encodeBody() throws JMSException {
        return FieldTableCodec.encodeTable(values);
    }

    @Override
    public void decodeBody(byte[] body) throws JMSException {
        values = FieldTableCodec.decodeTable(body);
        values.replaceAll((k, v) -> v instanceof Map || v instanceof java.util.List ? v.toString() : v);
    }

    @Override
    protected void makeBodyReadOnly() {
        readOnly = true;
    }

    @Override
    public void clearBody() {
        values = new LinkedHashMap<>();
        readOnly = false;
    }

    @Override public boolean getBoolean(String name) throws JMSException { return TypeConversions.toBoolean(values.get(name)); }
    @Override public byte getByte(String name) throws JMSException { return TypeConversions.toByte(values.get(name)); }
    @Override public short getShort(String name) throws JMSException { return TypeConversions.toShort(values.get(name)); }
    @Override public char getChar(String name) throws JMSException { return TypeConversions.toChar(values.get(name)); }
    @Override public int getInt(String name) throws JMSException { return TypeConversions.toInt(values.get(name)); }
    @Override public long getLong(String name) throws JMSException { return TypeConversions.toLong(values.get(name)); }
    @Override public float getFloat(String name) throws JMSException { return TypeConversions.toFloat(values.get(name)); }
    @Override public double getDouble(String name) throws JMSException { return TypeConversions.toDouble(values.get(name)); }
    @Override public String getString(String name) throws JMSException { return TypeConversions.toStringValue(values.get(name)); }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] bytes = TypeConversions.toBytes(values.get(name));
        return bytes == null ? null : bytes.clone();
    }

    @Override
    public Object getObject(String name) {
        Object v = values.get(name);
        return v instanceof byte[] bytes ? bytes.clone() : v;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new java.util.ArrayList<>(values.keySet()));
    }

    @Override public void setBoolean(String name, boolean value) throws JMSException { put(name, value); }
    @Override public void setByte(String name, byte value) throws JMSException { put(name, value); }
    @Override public void setShort(String name, short value) throws JMSException { put(name, value); }
    @Override public void setChar(String name, char value) throws JMSException { put(name, value); }
    @Override public void setInt(String name, int value) throws JMSException { put(name, value); }
    @Override public void setLong(String name, long value) throws JMSException { put(name, value); }
    @Override public void setFloat(String name, float value) throws JMSException { put(name, value); }
    @Override public void setDouble(String name, double value) throws JMSException { put(name, value); }
    @Override public void setString(String name, String value) throws JMSException { put(name, value); }
    @Override public void setBytes(String name, byte[] value) throws JMSException { put(name, value == null ? null : value.clone()); }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] part = new byte[length];
        System.arraycopy(value, offset, part, 0, length);
        put(name, part);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyValueType(value)) {
            throw new MessageFormatException("a MapMessage cannot hold a " + value.getClass().getName());
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public boolean itemExists(String name) {
        return values.containsKey(name);
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage name must not be null or empty");
        }
        if (readOnly) {
            throw readOnlyBody();
        }
        values.put(name, value);
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (values.isEmpty()) {
            return null;
        }
        if (!c.isAssignableFrom(Map.class)) {
            throw new MessageFormatException("a MapMessage body cannot be read as " + c.getName());
        }
        return c.cast(new LinkedHashMap<>(values));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return values.isEmpty() || c.isAssignableFrom(Map.class);
    }
}
