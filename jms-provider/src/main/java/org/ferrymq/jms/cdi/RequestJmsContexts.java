package org.ferrymq.jms.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.jms.JMSContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The injected JMSContexts of one request (Jakarta Messaging 3.1, 12.4.4): one real JMSContext per
 * {@link InjectionSettings}, created on first use within the request, shared by every injection point with
 * the same settings, and closed when the request ends. Owned by the request's thread.
 */
@RequestScoped
public class RequestJmsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(RequestJmsContexts.class);

    private final Map<InjectionSettings, JMSContext> contexts = new ConcurrentHashMap<>();

    public JMSContext contextFor(InjectionSettings settings, Supplier<JMSContext> create) {
        return contexts.computeIfAbsent(settings, s -> create.get());
    }

    @PreDestroy
    void closeAll() {
        contexts.forEach((settings, context) -> {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the request's {} failed", settings, e);
            }
        });
        contexts.clear();
    }
}
