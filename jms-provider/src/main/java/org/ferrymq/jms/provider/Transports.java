package org.ferrymq.jms.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Picks the {@link ProviderFactory} for a URI's scheme among those on the class path. */
public final class Transports {
    private Transports() {
    }

    public static ProviderFactory forUri(URI uri) throws ProviderException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (ClassLoader loader : loaders()) {
            for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, loader)) {
                if (factory.schemes().contains(scheme)) {
                    return factory;
                }
                known.addAll(factory.schemes());
            }
        }
        throw new ProviderException("no FerryMQ transport for scheme '" + scheme + "' in " + uri + " (known: " + known + ")", null);
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(Transports.class.getClassLoader());
        return loaders;
    }
}
