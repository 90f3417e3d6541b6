package org.ferrymq.tck;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Turns each {@link TckTest} into one invocation per target, each with its own {@link Jms} fixture. */
final class TargetInvocations implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TargetInvocations.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(TckTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Targets targets = context.getRoot().getStore(NS).getOrComputeIfAbsent(Targets.class, k -> new Targets(), Targets.class);
        return Arrays.stream(TargetKind.values()).map(kind -> invocation(targets.get(kind)));
    }

    private static TestTemplateInvocationContext invocation(Target target) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + target.kind().label() + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(availability(target), fixture(target));
            }
        };
    }

    private static ExecutionCondition availability(Target target) {
        return context -> target.available()
                ? ConditionEvaluationResult.enabled(target.kind().label() + " available")
                : ConditionEvaluationResult.disabled(target.kind().label() + ": " + target.unavailableReason());
    }

    private static ParameterResolver fixture(Target target) {
        return new ParameterResolver() {
            @Override
            public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
                return parameter.getParameter().getType() == Jms.class;
            }

            @Override
            public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
                String test = context.getRequiredTestMethod().getName();
                // closed by JUnit when this invocation ends, pass or fail
                return context.getStore(NS).getOrComputeIfAbsent(Jms.class, k -> new Jms(target, test), Jms.class);
            }
        };
    }
}
