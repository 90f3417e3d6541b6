package org.ferrymq.jms.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.jms.JMSContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@code @Inject JMSContext} work in a CDI container without a Jakarta EE server (Weld SE), listed in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension} so nothing needs registering by hand.
 * It adds {@link RequestJmsContexts} and one {@code @Dependent} bean of type JMSContext whose instances are
 * {@link InjectedJmsContext}s, built from the injection point's {@link InjectionSettings} and closed by the
 * bean's disposer.
 * <p>
 * It stays out of the way where someone else already injects JMSContexts (an application server, or the
 * application's own producer): then it adds no JMSContext bean, so there is no ambiguity. The system property
 * {@code ferrymq.jms.cdi.enabled=false} turns it off completely.
 */
public class FerryJmsExtension implements Extension {
    public static final String ENABLED_PROPERTY = "ferrymq.jms.cdi.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(FerryJmsExtension.class);

    private final ConnectionFactories factories = new ConnectionFactories();
    private final boolean enabled = !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
    private volatile Class<?> otherJmsContextBean;

    void addRequestHolder(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        if (enabled) {
            event.addAnnotatedType(beanManager.createAnnotatedType(RequestJmsContexts.class),
                    FerryJmsExtension.class.getName() + "." + RequestJmsContexts.class.getSimpleName());
        }
    }

    void noticeOtherJmsContextBeans(@Observes ProcessBean<?> event) {
        if (event.getBean().getTypes().contains(JMSContext.class)
                && event.getBean().getBeanClass() != InjectedJmsContext.class) {
            otherJmsContextBean = event.getBean().getBeanClass();
        }
    }

    void addJmsContextBean(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        if (!enabled) {
            LOG.debug("JMSContext injection by FerryMQ is off ({}=false)", ENABLED_PROPERTY);
            return;
        }
        if (otherJmsContextBean != null) {
            LOG.info("{} already provides JMSContext injection; FerryMQ adds none", otherJmsContextBean.getName());
            return;
        }
        event.addBean()
                .beanClass(InjectedJmsContext.class)
                .types(JMSContext.class, AutoCloseable.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(lookup -> new InjectedJmsContext(
                        InjectionSettings.of(lookup.select(InjectionPoint.class).get()),
                        factories, beanManager, lookup.select(RequestJmsContexts.class).get()))
                .disposeWith((context, lookup) -> ((InjectedJmsContext) context).release());
    }

    /** The factories behind the injected contexts, e.g. to check which one a name resolves to. */
    public ConnectionFactories connectionFactories() {
        return factories;
    }
}
