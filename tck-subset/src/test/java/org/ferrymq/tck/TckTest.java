package org.ferrymq.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conformance test: runs once per target ({@code [vm]}, {@code [ferrymq]}, {@code [rabbitmq]}),
 * skipped on a target that is not available. The method takes a {@link Jms} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TargetInvocations.class)
public @interface TckTest {
}
