/**
 * FerryMQ's broker integration tests: the official RabbitMQ Java client (and a hand-driven
 * socket, {@link org.ferrymq.broker.it.support.RawAmqpClient}) against a real broker over real
 * sockets, one class per protocol area. They define "behaves on the wire like RabbitMQ 3.10":
 * every test passes against a real RabbitMQ, and FerryMQ must pass the same tests.
 *
 * <ul>
 *   <li>{@code mvn -pl broker verify} runs them against an embedded FerryMQ started per class
 *       ({@link org.ferrymq.broker.it.support.BrokerTarget});</li>
 *   <li>{@code mvn -pl broker verify -Dferrymq.it.amqpUri=amqp://guest:guest@127.0.0.1:5682}
 *       runs them against that broker (the RabbitMQ peer); tests of FerryMQ-only configuration
 *       ({@code UsersIT}, {@code LimitsIT}) are then reported as skipped.</li>
 * </ul>
 *
 * <p>Reply texts are asserted exactly where RabbitMQ's text is stable and meaningful to clients
 * (e.g. {@code "NOT_FOUND - no queue 'q' in vhost '/'"}), and by prefix where RabbitMQ prints
 * Erlang terms (frame errors). RabbitMQ orders a channel's publishes only against that same
 * channel's later methods, so tests that publish on one channel and read on another wait for
 * publisher confirms first.
 */
package org.ferrymq.broker.it;
