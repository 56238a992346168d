package dev.warren.amqp.testing;

import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;

/**
 * The jqwik counterpart of {@link LeakCheckExtension}: property classes run on jqwik's engine, which does not
 * see Jupiter extensions. Registered globally through {@code META-INF/services}.
 */
public final class JqwikLeakCheckHook implements AfterContainerHook {

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Class<?>).orElse(false);
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) throws Throwable {
        List<String> leaks = LeakCheckExtension.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported while "
                    + context.label() + " ran:\n" + String.join("\n\n", leaks));
        }
    }
}
