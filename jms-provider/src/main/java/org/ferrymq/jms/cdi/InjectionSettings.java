package org.ferrymq.jms.cdi;

import java.lang.annotation.Annotation;

import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSPasswordCredential;
import jakarta.jms.JMSSessionMode;

/**
 * What an injection point asks of its JMSContext (Jakarta Messaging 3.1, 12.4.3): the connection factory
 * ({@code @JMSConnectionFactory}, null = the default one), the credentials ({@code @JMSPasswordCredential},
 * null = the factory's own) and the session mode ({@code @JMSSessionMode}, default AUTO_ACKNOWLEDGE).
 * Two injection points with equal settings share one JMSContext within a request (12.4.4).
 * The password takes part in equality but never in {@link #toString()}.
 */
public record InjectionSettings(String connectionFactory, String userName, String password, int sessionMode) {

    public static final InjectionSettings DEFAULT = new InjectionSettings(null, null, null, JMSContext.AUTO_ACKNOWLEDGE);

    /** Reads the annotations on the field or parameter, then (for a parameter) on its method or constructor. */
    public static InjectionSettings of(InjectionPoint injectionPoint) {
        Annotated annotated = injectionPoint == null ? null : injectionPoint.getAnnotated();
        if (annotated == null) {
            return DEFAULT;
        }
        JMSConnectionFactory factory = find(annotated, JMSConnectionFactory.class);
        JMSPasswordCredential credential = find(annotated, JMSPasswordCredential.class);
        JMSSessionMode mode = find(annotated, JMSSessionMode.class);
        return new InjectionSettings(
                factory == null || factory.value().isBlank() ? null : factory.value(),
                credential == null ? null : credential.userName(),
                credential == null ? null : credential.password(),
                mode == null ? JMSContext.AUTO_ACKNOWLEDGE : mode.value());
    }

    private static <A extends Annotation> A find(Annotated annotated, Class<A> type) {
        A found = annotated.getAnnotation(type);
        if (found == null && annotated instanceof AnnotatedParameter<?> parameter) {
            found = parameter.getDeclaringCallable().getAnnotation(type);
        }
        return found;
    }

    @Override
    public String toString() {
        return "JMSContext(connectionFactory=" + (connectionFactory == null ? "<default>" : connectionFactory)
                + (userName == null ? "" : ", user=" + userName) + ", sessionMode=" + sessionMode + ")";
    }
}
