/**
 * Integration tests of RabbitMQ's queue extensions as FerryMQ must implement them: message TTL
 * and per-message expiration, queue expiry, dead-lettering with {@code x-death}, length limits
 * and overflow modes, priority queues, alternate exchanges, single active consumer and the
 * validation of their arguments.
 *
 * <p>Every test is written against RabbitMQ 3.10's observable behaviour (reply texts included) and
 * is proven on a real RabbitMQ before it is run on the embedded FerryMQ:
 *
 * <pre>
 * mvn -B -o -pl broker verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test='org.ferrymq.broker.it.extensions.**' \
 *     [-Dferrymq.it.amqpUri=amqp://guest:guest@127.0.0.1:5682]
 * </pre>
 *
 * <p>Time-based tests use TTLs of 100-800 ms and poll ({@link org.ferrymq.broker.it.extensions.Eventually})
 * rather than sleep for fixed long periods.
 */
package org.ferrymq.broker.it.extensions;
