package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that the contract kit can fail: each flawed adapter over the reference network is run
 * through the kit's relevant cases, and exactly the cases that guard against that flaw must fail
 * (the others, on the same flawed adapter, must still pass, so a failure points at the bug).
 */
class ContractKitSelfIT {
    @Test
    @DisplayName("a transposed conv kernel fails CNN forward and SGD parity, and nothing else")
    void transposedConvKernel() {
        Events tests = run(TransposedConvKernelKit.class, FrameworkContractKit.Cnn.class,
                "forwardMatchesReference", "sgdStepsMatchReference", "parametersRoundTrip", "parametersMatchSpec");
        assertEquals(Set.of("Cnn.forwardMatchesReference", "Cnn.sgdStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Cnn.parametersRoundTrip", "Cnn.parametersMatchSpec"), succeeded(tests));
    }

    @Test
    @DisplayName("a channels-last flatten with canonical dense weights fails CNN forward and SGD parity")
    void channelsLastFlatten() {
        Events tests = run(ChannelsLastFlattenKit.class, FrameworkContractKit.Cnn.class,
                "forwardMatchesReference", "sgdStepsMatchReference", "parametersRoundTrip");
        assertEquals(Set.of("Cnn.forwardMatchesReference", "Cnn.sgdStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Cnn.parametersRoundTrip"), succeeded(tests));
    }

    @Test
    @DisplayName("dropout left on at inference fails the eval-mode cases")
    void dropoutInEval() {
        Events tests = run(DropoutInEvalKit.class, FrameworkContractKit.Fcn.class,
                "forwardMatchesReference", "evalIsDeterministic", "sgdStepsMatchReference");
        assertEquals(Set.of("Fcn.forwardMatchesReference", "Fcn.evalIsDeterministic"), failed(tests));
        assertEquals(Set.of("Fcn.sgdStepsMatchReference"), succeeded(tests));
    }

    @Test
    @DisplayName("a loss summed over the batch fails SGD parity but not forward parity")
    void summedLoss() {
        Events tests = run(SummedLossKit.class, FrameworkContractKit.Fcn.class,
                "forwardMatchesReference", "sgdStepsMatchReference");
        assertEquals(Set.of("Fcn.sgdStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Fcn.forwardMatchesReference"), succeeded(tests));
    }

    @Test
    @DisplayName("Adam with ε on the uncorrected √v (TensorFlow's placement, unconverted) fails Adam parity only")
    void adamEpsilonUncorrected() {
        Events tests = run(AdamEpsilonKit.class, FrameworkContractKit.Fcn.class, "adamStepsMatchReference", "sgdStepsMatchReference");
        assertEquals(Set.of("Fcn.adamStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Fcn.sgdStepsMatchReference"), succeeded(tests));
    }

    @Test
    @DisplayName("a transfer model with nothing frozen fails the frozen-features case and SGD parity, not the pretraining case")
    void forgottenFreeze() {
        Events tests = run(ForgottenFreezeKit.class, FrameworkContractKit.Transfer.class,
                "frozenFeaturesStayBitIdentical", "sgdStepsMatchReference", "pretrainingTrainsEveryLayer", "parametersRoundTrip");
        assertEquals(Set.of("Transfer.frozenFeaturesStayBitIdentical", "Transfer.sgdStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Transfer.pretrainingTrainsEveryLayer", "Transfer.parametersRoundTrip"), succeeded(tests));
    }

    @Test
    @DisplayName("a transfer model with its head frozen too fails the frozen-features case and SGD parity")
    void frozenHead() {
        Events tests = run(FrozenHeadKit.class, FrameworkContractKit.Transfer.class,
                "frozenFeaturesStayBitIdentical", "sgdStepsMatchReference", "parametersRoundTrip");
        assertEquals(Set.of("Transfer.frozenFeaturesStayBitIdentical", "Transfer.sgdStepsMatchReference"), failed(tests));
        assertEquals(Set.of("Transfer.parametersRoundTrip"), succeeded(tests));
    }

    @Test
    @DisplayName("GPU cases are skipped with the framework's reason, never passed")
    void gpuIsSkippedWithReason() {
        Events tests = run(CorrectKit.class, FrameworkContractKit.Fcn.class, "parametersMatchSpec");
        List<Event> skipped = tests.aborted().list();
        assertEquals(1, skipped.size(), "one skipped (GPU) case");
        assertEquals("GPU", skipped.get(0).getTestDescriptor().getDisplayName());
        String reason = skipped.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
        assertTrue(reason.contains("runs on the CPU only"), "skip reason: " + reason);
        assertEquals(1, tests.succeeded().count(), "the CPU case passes");
    }

    private static Events run(Class<? extends FrameworkContractKit> kit, Class<?> group, String... methods) {
        DiscoverySelector[] selectors = new DiscoverySelector[methods.length];
        for (int i = 0; i < methods.length; i++) {
            selectors[i] = selectNestedMethod(List.of(kit), group, kitMethod(group, methods[i]));
        }
        return EngineTestKit.engine("junit-jupiter").selectors(selectors).execute().testEvents();
    }

    /** The kit's test method of that name, declared in the group or one of its superclasses. */
    private static Method kitMethod(Class<?> group, String name) {
        for (Class<?> type = group; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    return method;
                }
            }
        }
        throw new IllegalArgumentException("the kit has no test " + name + " in " + group.getSimpleName());
    }

    /** "Group.method" of every CPU case with the given outcome. */
    private static Set<String> outcomes(Events events) {
        return events.list().stream()
                .map(event -> event.getTestDescriptor().getUniqueId())
                .filter(id -> id.toString().contains("#1]")) // invocation #1 = Device.CPU
                .map(id -> id.getSegments().get(id.getSegments().size() - 3).getValue().replaceAll(".*\\$", "") + "."
                        + id.getSegments().get(id.getSegments().size() - 2).getValue().replaceAll("\\(.*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> failed(Events tests) {
        return outcomes(tests.failed());
    }

    private static Set<String> succeeded(Events tests) {
        return outcomes(tests.succeeded());
    }

    static class CorrectKit extends FrameworkContractKit {
        CorrectKit() {
            super("reference");
        }
    }

    static class TransposedConvKernelKit extends FrameworkContractKit {
        TransposedConvKernelKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.TRANSPOSED_CONV_KERNEL);
        }
    }

    static class ChannelsLastFlattenKit extends FrameworkContractKit {
        ChannelsLastFlattenKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.CHANNELS_LAST_FLATTEN);
        }
    }

    static class DropoutInEvalKit extends FrameworkContractKit {
        DropoutInEvalKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.DROPOUT_IN_EVAL);
        }
    }

    static class AdamEpsilonKit extends FrameworkContractKit {
        AdamEpsilonKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.ADAM_EPSILON_UNCORRECTED);
        }
    }

    static class SummedLossKit extends FrameworkContractKit {
        SummedLossKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.SUMMED_LOSS);
        }
    }

    static class ForgottenFreezeKit extends FrameworkContractKit {
        ForgottenFreezeKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.FORGOTTEN_FREEZE);
        }
    }

    static class FrozenHeadKit extends FrameworkContractKit {
        FrozenHeadKit() {
            super("reference");
        }

        @Override
        protected Framework framework() {
            return new ReferenceFramework(ReferenceFramework.Flaw.FROZEN_HEAD);
        }
    }
}
