package org.ferrymq.broker.store.h2;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** MVStore serialisation of {@link QueueEntryKey}: two variable-length longs. Stateless. */
final class QueueEntryKeyType extends BasicDataType<QueueEntryKey> {
    static final QueueEntryKeyType INSTANCE = new QueueEntryKeyType();

    private QueueEntryKeyType() {
    }

    @Override
    public int getMemory(QueueEntryKey key) {
        return 40;
    }

    @Override
    public void write(WriteBuffer buffer, QueueEntryKey key) {
        buffer.putVarLong(key.queueId()).putVarLong(key.messageId());
    }

    @Override
    public QueueEntryKey read(ByteBuffer buffer) {
        return new QueueEntryKey(DataUtils.readVarLong(buffer), DataUtils.readVarLong(buffer));
    }

    @Override
    public int compare(QueueEntryKey a, QueueEntryKey b) {
        return a.compareTo(b);
    }

    @Override
    public QueueEntryKey[] createStorage(int size) {
        return new QueueEntryKey[size];
    }
}
