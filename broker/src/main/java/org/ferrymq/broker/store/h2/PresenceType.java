package org.ferrymq.broker.store.h2;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** A value that takes no bytes: the key alone says everything (queue entries are a sorted set). Stateless. */
final class PresenceType extends BasicDataType<Boolean> {
    static final PresenceType INSTANCE = new PresenceType();

    private PresenceType() {
    }

    @Override
    public int getMemory(Boolean value) {
        return 4;
    }

    @Override
    public void write(WriteBuffer buffer, Boolean value) {
        // nothing: presence is the value
    }

    @Override
    public Boolean read(ByteBuffer buffer) {
        return Boolean.TRUE;
    }

    @Override
    public Boolean[] createStorage(int size) {
        return new Boolean[size];
    }
}
