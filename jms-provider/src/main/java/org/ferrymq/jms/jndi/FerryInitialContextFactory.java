package org.ferrymq.jms.jndi;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI entry point, configured the way Artemis and Qpid JMS users know from {@code jndi.properties}:
 * <pre>
 * java.naming.factory.initial = org.ferrymq.jms.jndi.FerryInitialContextFactory
 * connectionFactory.ConnectionFactory = amqp://guest:guest@127.0.0.1:5672
 * connectionFactory.ConnectionFactory.prefetch = 10
 * queue.orders = orders
 * topic.weather = amq.topic/weather.#
 * </pre>
 * The returned context is read-only; its objects are created on first lookup (see {@link JndiBindings}).
 */
public class FerryInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> env = environment == null ? new Hashtable<>() : new Hashtable<>(environment);
        return new ReadOnlyContext(JndiBindings.from(env), env);
    }
}
