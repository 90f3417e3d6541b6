package org.ferrymq.jms.selector;

import jakarta.jms.InvalidSelectorException;

import org.ferrymq.selector.Selector;
import org.ferrymq.selector.SelectorSyntaxException;

/** The {@code ferrymq-selector} engine behind the provider's selector seam: parsed once, evaluated per message. */
public final class FerrySelectorCompiler implements SelectorCompiler {
    @Override
    public MessageSelector compile(String text) throws InvalidSelectorException {
        try {
            Selector selector = Selector.parse(text);
            return message -> selector.matches(name -> SelectorProperties.lookup(message, name));
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException invalid = new InvalidSelectorException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
