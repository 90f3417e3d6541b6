package org.ferrymq.jms.selector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.jms.InvalidSelectorException;

/**
 * A stand-in for the ferrymq-selector engine in tests: understands only {@code name = 'text'}
 * and {@code name = 123}, enough to prove the provider's filtering seam.
 */
public final class EqualsOnlySelectorCompiler implements SelectorCompiler {
    private static final Pattern EQUALS = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*=\\s*(?:'([^']*)'|(-?\\d+))\\s*");

    @Override
    public MessageSelector compile(String selector) throws InvalidSelectorException {
        Matcher m = EQUALS.matcher(selector);
        if (!m.matches()) {
            throw new InvalidSelectorException("cannot parse selector: " + selector);
        }
        String name = m.group(1);
        Object expected = m.group(2) != null ? m.group(2) : (Object) Long.valueOf(m.group(3));
        return message -> {
            Object actual = SelectorProperties.lookup(message, name);
            if (actual instanceof Number n && expected instanceof Long l) {
                return n.longValue() == l;
            }
            return expected.equals(actual);
        };
    }
}
