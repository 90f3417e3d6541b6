/**
 * Users, logins and permissions, with RabbitMQ's semantics and texts (checked against RabbitMQ
 * 3.10). Everything here is immutable and thread-safe; the AMQP connection handlers call it on
 * their Netty threads.
 *
 * <p>How a connection uses it:
 * <ol>
 * <li>{@code connection.start} offers {@link org.ferrymq.broker.security.LoginMechanism#OFFERED}.</li>
 * <li>{@code connection.start-ok}: {@link org.ferrymq.broker.security.LoginMechanism#named} then
 *     {@link org.ferrymq.broker.security.LoginMechanism#decode} give the
 *     {@link org.ferrymq.broker.security.LoginCredentials}; a failure there is an
 *     {@link org.ferrymq.broker.errors.AmqpException} on which RabbitMQ closes the socket.</li>
 * <li>{@link org.ferrymq.broker.security.UserDirectory#authenticate} with the peer address. On a
 *     {@link org.ferrymq.broker.security.AuthenticationResult.Failure}, log
 *     {@code "<MECHANISM> login refused: " + failure.logText()} and, if the client announced the
 *     {@code authentication_failure_close} capability, send {@code connection.close} 403 with
 *     {@link org.ferrymq.broker.security.AuthenticationResult#clientText}; then close the socket.</li>
 * <li>{@code connection.open}: {@link org.ferrymq.broker.security.UserDirectory#openVhost} returns
 *     the user's {@link org.ferrymq.broker.security.VhostPermissions} or throws NOT_ALLOWED
 *     (530) with RabbitMQ's text.</li>
 * <li>Each channel method checks its resources with
 *     {@link org.ferrymq.broker.security.VhostPermissions#requireConfigure},
 *     {@code requireWrite}, {@code requireRead}, which throw ACCESS_REFUSED (403) with
 *     RabbitMQ's text, mapping the default exchange to {@code amq.default}. RabbitMQ checks
 *     access before existence (a basic.get on a missing queue the user may not read is 403, not
 *     404).</li>
 * </ol>
 *
 * <p>Which permission each method needs, as RabbitMQ 3.10 applies them (measured with a user
 * whose three patterns were empty):
 * <ul>
 * <li>queue.declare / exchange.declare: configure on the name, including server-named
 *     {@code amq.gen-...} queues; with {@code passive=true} no permission at all (an existing
 *     queue is returned, a missing one is 404);</li>
 * <li>queue.delete / exchange.delete: configure, checked before existence (403 even when
 *     missing);</li>
 * <li>queue.bind / exchange.bind (and unbind): write on the destination, checked first, then
 *     read on the source exchange;</li>
 * <li>queue.purge, basic.consume, basic.get: read on the queue;</li>
 * <li>basic.publish: write on the exchange ({@code amq.default} for {@code ""}).</li>
 * </ul>
 */
package org.ferrymq.broker.security;
