package org.ferrymq.broker.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.ferrymq.broker.store.StoredMessage;
import org.junit.jupiter.api.Test;

class PreparedRecordTest {
    @Test
    void aRecordReadsBackAsWritten() {
        BranchXid xid = new BranchXid(7, new byte[] {1, 2, 3}, new byte[] {9});
        StoredMessage m = new StoredMessage(42, "ex", "key", new byte[] {0, 0}, "body".getBytes(), 1234);
        PreparedRecord record = new PreparedRecord("/", xid,
                List.of(new PreparedRecord.Publish(m, List.of("a", "b"))),
                List.of(new PreparedRecord.Consumed("q", 5, 41, HeldOutcome.ACK)));
        PreparedRecord back = PreparedRecord.decode(record.encode());
        assertThat(back.vhost()).isEqualTo("/");
        assertThat(back.xid()).isEqualTo(xid);
        assertThat(back.publishes()).hasSize(1);
        assertThat(back.publishes().get(0).queues()).containsExactly("a", "b");
        assertThat(back.publishes().get(0).message().body()).isEqualTo("body".getBytes());
        assertThat(back.publishes().get(0).message().arrivedAt()).isEqualTo(1234);
        assertThat(back.consumed()).containsExactly(new PreparedRecord.Consumed("q", 5, 41, HeldOutcome.ACK));
    }

    @Test
    void xidsAreEqualByContentAndLimitedTo64Bytes() {
        assertThat(new BranchXid(1, new byte[] {1}, new byte[] {2})).isEqualTo(new BranchXid(1, new byte[] {1}, new byte[] {2}))
                .isNotEqualTo(new BranchXid(1, new byte[] {1}, new byte[] {3}));
        assertThatThrownBy(() -> new BranchXid(1, new byte[65], new byte[0]))
                .isInstanceOfSatisfying(XaFailure.class, f -> assertThat(f.code()).isEqualTo(XaCodes.XAER_INVAL));
    }

    @Test
    void aTruncatedRecordIsRefused() {
        byte[] bytes = new PreparedRecord("/", new BranchXid(1, new byte[1], new byte[1]), List.of(), List.of()).encode();
        assertThatThrownBy(() -> PreparedRecord.decode(java.util.Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
