package org.ferrymq.broker.amqp.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpBasicGetOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.amqp.codec.AmqpTxXa;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.xa.BranchXid;
import org.ferrymq.broker.xa.HeldOutcome;
import org.ferrymq.broker.xa.XaBranchHandle;
import org.ferrymq.broker.xa.XaCodes;
import org.ferrymq.broker.xa.XaFailure;
import org.ferrymq.broker.xa.XaResourceManager;

/**
 * One channel's side of FerryMQ's XA extension: runs {@code tx.xa} requests against the vhost's
 * {@link XaResourceManager}, answers each with a {@code basic.get-ok} carrying the XA return
 * code, and while a branch is associated with the channel routes its publishes and acks into it.
 * An XA error is an answer, not a channel error: the channel stays open.
 *
 * <p>Owned by the channel's event loop.
 */
final class ChannelXa {
    private final AmqpChannel channel;
    private XaBranchHandle active;
    private boolean used;

    ChannelXa(AmqpChannel channel) {
        this.channel = channel;
    }

    /** True while a branch is associated: publishes and acks go to it. */
    boolean inBranch() {
        return active != null;
    }

    void published(Message message, List<MessageQueue> queues) {
        active.published(message, queues);
    }

    void consumed(List<Unacked> deliveries, Settlement outcome) {
        HeldOutcome held = switch (outcome) {
            case ACK -> HeldOutcome.ACK;
            case REQUEUE -> HeldOutcome.REQUEUE;
            case DISCARD -> HeldOutcome.DISCARD;
        };
        channel.deliveries.handOver(deliveries);
        for (Unacked u : deliveries) {
            active.consumed(u.queue(), u.entry(), held);
        }
    }

    CompletionStage<?> handle(AmqpTxXa request) {
        XaResourceManager manager = channel.connection().vhost().xa();
        CompletableFuture<byte[]> answer;
        int code = XaCodes.XA_OK;
        try {
            switch (request.operation()) {
                case AmqpTxXa.START -> start(manager, request);
                case AmqpTxXa.END -> end(manager, request);
                case AmqpTxXa.PREPARE -> {
                    CompletableFuture<Integer> prepared = manager.prepare(xid(request));
                    return reply(prepared.thenApply(c -> new Result(c, EMPTY)));
                }
                case AmqpTxXa.COMMIT -> {
                    boolean onePhase = (request.flags() & XaCodes.TMONEPHASE) != 0;
                    if ((request.flags() & ~XaCodes.TMONEPHASE) != 0) {
                        throw new XaFailure(XaCodes.XAER_INVAL, "commit takes TMONEPHASE or TMNOFLAGS");
                    }
                    return reply(manager.commit(xid(request), onePhase).thenApply(v -> new Result(XaCodes.XA_OK, EMPTY)));
                }
                case AmqpTxXa.ROLLBACK -> {
                    BranchXid xid = xid(request);
                    if (active != null && active.xid().equals(xid)) {
                        active = null;
                    }
                    return reply(manager.rollback(xid).thenApply(v -> new Result(XaCodes.XA_OK, EMPTY)));
                }
                case AmqpTxXa.FORGET -> manager.forget(xid(request));
                case AmqpTxXa.RECOVER -> {
                    return reply(CompletableFuture.completedFuture(new Result(XaCodes.XA_OK,
                            encode(manager.recover(request.flags())))));
                }
                case AmqpTxXa.IDENTIFY -> {
                    used = true;
                    return reply(CompletableFuture.completedFuture(new Result(XaCodes.XA_OK,
                            manager.id().getBytes(StandardCharsets.UTF_8))));
                }
                default -> throw new XaFailure(XaCodes.XAER_INVAL, "unknown tx.xa operation " + request.operation());
            }
        } catch (XaFailure e) {
            code = e.code();
            answer(code, e.getMessage().getBytes(StandardCharsets.UTF_8));
            return null;
        }
        answer(code, EMPTY);
        return null;
    }

    private record Result(int code, byte[] body) {
    }

    private static final byte[] EMPTY = new byte[0];

    private void start(XaResourceManager manager, AmqpTxXa request) {
        if (channel.publisher.inTransaction()) {
            throw new XaFailure(XaCodes.XAER_PROTO, "the channel is in tx.select mode");
        }
        if (active != null && active.active()) {
            throw new XaFailure(XaCodes.XAER_PROTO, "the channel is already associated with branch " + active.xid());
        }
        used = true;
        active = manager.start(xid(request), request.flags(), request.timeoutSeconds(), channel.connection(), channel);
    }

    private void end(XaResourceManager manager, AmqpTxXa request) {
        BranchXid xid = xid(request);
        try {
            manager.end(xid, request.flags(), channel);
        } finally {
            if (active != null && active.xid().equals(xid)) {
                active = null;   // ended, suspended or refused: either way no longer this channel's branch
            }
        }
    }

    private static BranchXid xid(AmqpTxXa request) {
        return new BranchXid(request.formatId(), request.globalId(), request.branchQualifier());
    }

    /** The reply waits for the store (prepare, commit, rollback); later commands on the channel wait for it. */
    private CompletionStage<?> reply(CompletableFuture<Result> result) {
        return result.handleAsync((r, failure) -> {
            if (!channel.isOpen()) {
                return null;
            }
            if (failure == null) {
                answer(r.code(), r.body());
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof XaFailure xa) {
                answer(xa.code(), xa.getMessage().getBytes(StandardCharsets.UTF_8));
                return null;
            }
            answer(XaCodes.XAER_RMERR, String.valueOf(cause).getBytes(StandardCharsets.UTF_8));
            return null;
        }, channel.connection().eventLoop());
    }

    private void answer(int code, byte[] body) {
        Message reply = Message.of(0, "", AmqpTxXa.REPLY_ROUTING_KEY, AmqpBasicProperties.EMPTY, body);
        channel.output().methodWithContent(channel.number(),
                new AmqpBasicGetOk(0, false, "", AmqpTxXa.REPLY_ROUTING_KEY, code), reply);
    }

    /** Recover's body, as {@link AmqpTxXa#encodeRecovered} lays it out. */
    private static byte[] encode(List<BranchXid> xids) {
        return AmqpTxXa.encodeRecovered(xids.stream()
                .map(x -> new AmqpTxXa.RecoveredXid(x.formatId(), x.globalId(), x.branchQualifier())).toList());
    }

    /** The channel is closing: a branch still associated with it is rolled back. */
    void release() {
        if (used) {
            channel.connection().vhost().xa().channelClosed(channel);
        }
        active = null;
    }
}
