package org.ferrymq.jms.jndi;

import javax.naming.ConfigurationException;

/**
 * Expands {@code ${name}} and {@code ${name:-default}} in JNDI property values from system properties, then
 * environment variables, so one {@code jndi.properties} serves several machines (as Qpid JMS allows).
 */
final class Placeholders {
    private Placeholders() {
    }

    static String expand(String value) throws ConfigurationException {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            if (start < 0) {
                return out.append(value, from, value.length()).toString();
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new ConfigurationException("unclosed ${ in " + value);
            }
            out.append(value, from, start).append(resolve(value.substring(start + 2, end), value));
            from = end + 1;
        }
    }

    private static String resolve(String expression, String value) throws ConfigurationException {
        int dash = expression.indexOf(":-");
        String name = dash < 0 ? expression : expression.substring(0, dash);
        String found = System.getProperty(name);
        if (found == null) {
            found = System.getenv(name);
        }
        if (found == null && dash >= 0) {
            found = expression.substring(dash + 2);
        }
        if (found == null) {
            throw new ConfigurationException("no system property or environment variable " + name + " for " + value);
        }
        return found;
    }
}
