package org.ferrymq.broker.store.h2;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** MVStore serialisation of byte-array keys, ordered as unsigned bytes. Stateless. */
final class ByteKeyType extends BasicDataType<byte[]> {
    static final ByteKeyType INSTANCE = new ByteKeyType();

    private ByteKeyType() {
    }

    @Override
    public int getMemory(byte[] key) {
        return 24 + key.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] key) {
        buffer.putVarInt(key.length).put(key);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        byte[] key = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(key);
        return key;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
