package org.ferrymq.jms.jndi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * The read-only, flat JNDI context {@link FerryInitialContextFactory} hands out. Names are the keys of
 * {@code jndi.properties} ("ConnectionFactory", "jms/orders"); a leading {@code java:comp/env/},
 * {@code java:comp/}, {@code java:module/}, {@code java:app/} or {@code java:global/} is ignored, so names
 * written for an application server resolve too. A name with slashes can be listed by its prefix
 * ({@code list("jms")}). Anything that would change the bindings throws {@link OperationNotSupportedException}.
 * Thread-safe.
 */
final class ReadOnlyContext implements Context {
    private static final List<String> IGNORED_PREFIXES =
            List.of("java:comp/env/", "java:comp/", "java:module/", "java:app/", "java:global/");
    private static final NameParser PARSER = CompositeName::new;

    private final JndiBindings bindings;
    private final Hashtable<Object, Object> environment;

    ReadOnlyContext(JndiBindings bindings, Hashtable<Object, Object> environment) {
        this.bindings = bindings;
        this.environment = environment;
    }

    static String normalise(String name) {
        for (String prefix : IGNORED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        String n = normalise(name);
        if (n.isEmpty()) {
            return new ReadOnlyContext(bindings, new Hashtable<>(environment));
        }
        Optional<Object> found = bindings.lookup(n);
        if (found.isPresent()) {
            return found.get();
        }
        if (hasChildren(n)) {
            throw new OperationNotSupportedException(name + " is a prefix of other names; list it instead");
        }
        throw new NameNotFoundException(name + " is not bound (jndi.properties defines "
                + String.join(", ", bindings.definitions().keySet()) + ")");
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(name.toString());
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        for (Map.Entry<String, BindingDefinition> e : children(name).entrySet()) {
            pairs.add(new NameClassPair(e.getKey(), e.getValue().className()));
        }
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(name.toString());
    }

    /** Creates every listed object that has not been looked up yet. */
    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        String prefix = prefixOf(name);
        List<Binding> result = new ArrayList<>();
        for (Map.Entry<String, BindingDefinition> e : children(name).entrySet()) {
            Object object = bindings.lookup(prefix + e.getKey()).orElseThrow();
            result.add(new Binding(e.getKey(), e.getValue().className(), object));
        }
        return new ListEnumeration<>(result);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(name.toString());
    }

    /** The definitions under a prefix, by their names relative to it. */
    private Map<String, BindingDefinition> children(String name) throws NamingException {
        String n = normalise(name);
        if (!n.isEmpty() && bindings.definition(n).isPresent()) {
            throw new NotContextException(name + " is bound to an object, not a context");
        }
        String prefix = prefixOf(name);
        Map<String, BindingDefinition> children = new TreeMap<>();
        bindings.definitions().forEach((key, d) -> {
            if (key.startsWith(prefix)) {
                children.put(key.substring(prefix.length()), d);
            }
        });
        if (children.isEmpty() && !n.isEmpty()) {
            throw new NameNotFoundException(name + " is not bound");
        }
        return children;
    }

    private static String prefixOf(String name) {
        String n = normalise(name);
        return n.isEmpty() || n.endsWith("/") ? n : n + "/";
    }

    private boolean hasChildren(String n) {
        String prefix = n.endsWith("/") ? n : n + "/";
        return bindings.definitions().keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Changes only this context's copy of the environment: the bindings were read when it was created. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public void close() {
        // nothing to release: connection factories hold no connections
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    // Everything below would change the bindings: jndi.properties is the only source of them.

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    private static OperationNotSupportedException readOnly(String operation) {
        return new OperationNotSupportedException(operation + ": the FerryMQ JNDI context is read-only;"
                + " define names in jndi.properties or the InitialContext environment");
    }

    /** A NamingEnumeration over a list made up front. */
    private static final class ListEnumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> iterator;

        ListEnumeration(List<T> items) {
            this.iterator = items.iterator();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return iterator.hasNext();
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public boolean hasMoreElements() {
            return iterator.hasNext();
        }

        @Override
        public T nextElement() {
            if (!iterator.hasNext()) {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }
    }
}
