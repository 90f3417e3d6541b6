package org.ferrymq.jms.selector;

import java.util.ServiceLoader;

import jakarta.jms.InvalidSelectorException;

/** Finds the {@link SelectorCompiler} on the class path and compiles selectors with it. */
public final class Selectors {
    private static volatile SelectorCompiler compiler;

    private Selectors() {
    }

    /** {@link MessageSelector#ALL} for a null or blank selector. */
    public static MessageSelector compile(String selector) throws InvalidSelectorException {
        if (isBlank(selector)) {
            return MessageSelector.ALL;
        }
        SelectorCompiler c = compiler();
        if (c == null) {
            throw new InvalidSelectorException("message selectors need the ferrymq-selector engine on the class path; "
                    + "none is installed, so '" + selector + "' cannot be evaluated");
        }
        return c.compile(selector);
    }

    public static boolean isBlank(String selector) {
        return selector == null || selector.isBlank();
    }

    /** Installs a compiler explicitly (tests, containers without ServiceLoader visibility). */
    public static void install(SelectorCompiler selectorCompiler) {
        compiler = selectorCompiler;
    }

    private static SelectorCompiler compiler() {
        SelectorCompiler c = compiler;
        if (c == null) {
            for (SelectorCompiler found : ServiceLoader.load(SelectorCompiler.class, Selectors.class.getClassLoader())) {
                compiler = c = found;
                break;
            }
        }
        return c;
    }
}
