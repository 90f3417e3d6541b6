/**
 * The in-process {@code vm:} transport: the JMS provider talking to a FerryMQ broker in the same
 * JVM over a Netty {@code LocalChannel}, exchanging {@code AmqpCommand} objects (no socket, no
 * frame encoding, message bodies passed by reference) with exactly AMQP 0-9-1's semantics,
 * because the broker runs the same connection and channel code as for TCP clients.
 *
 * <pre>
 *  VmProviderFactory ── VmAddress (what the URI names) ── VmBrokers (registered / embedded brokers)
 *        │
 *  VmProvider (a connection: one LocalChannel)
 *        ├─ VmConnectionHandler  event loop: handshake, routes commands by channel number
 *        └─ VmProviderChannel    a channel: VmRpc (one synchronous method at a time),
 *                                 VmConfirms (publisher confirms), SerialExecutor (deliveries in order)
 * </pre>
 *
 * <p>Threads: the client ends of all vm connections share a two-thread Netty event loop group
 * that only reads commands and never blocks; deliveries run on a shared cached pool, serially
 * per channel; application threads make the synchronous calls and wait for replies with a
 * timeout (the connection factory's confirm timeout, at least one second).
 *
 * <p>Differences from {@code amqp://}: selectors on a queue are evaluated by the broker (the
 * {@code x-selector} consume argument), so {@code filtersOnBroker()} is true; there is no
 * automatic recovery (an in-process connection only fails when its broker stops).
 */
package org.ferrymq.jms.provider.vm;
