package org.ferrymq.jms.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * Compiles selector strings: the seam where the selector engine ({@code ferrymq-selector}) plugs
 * in. Implementations are found with {@link java.util.ServiceLoader}; a compiler adapts the
 * engine with {@link SelectorProperties#lookup} as its property source:
 *
 * <pre>{@code
 * public MessageSelector compile(String text) throws InvalidSelectorException {
 *     try {
 *         Selector s = Selector.parse(text);
 *         return message -> s.matches(name -> SelectorProperties.lookup(message, name));
 *     } catch (SelectorSyntaxException e) {
 *         throw new InvalidSelectorException(e.getMessage());
 *     }
 * }
 * }</pre>
 */
public interface SelectorCompiler {
    MessageSelector compile(String selector) throws InvalidSelectorException;
}
