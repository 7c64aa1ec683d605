package dev.polydl.dl4j;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's own {@link MultiLayerUpdater}, shown the network's gradient as the very array it already holds.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code BaseMultiLayerUpdater.update} treats a gradient as external (computed by
 * another network) when {@code gradient.gradient() != getFlattenedGradientsView()}, and {@code
 * DefaultGradient.gradient()} answers with a new reshaped view of the network's gradient on every call. So every
 * {@code MultiLayerNetwork.fit} step takes the external path: for each updater block it rebuilds each parameter's
 * parameter and gradient views twice, for a regularization pass that has nothing to apply, and the mini-batch
 * division's list of views. Both paths run the same ops on the same memory, so the numbers do not change.
 */
final class GradientViewUpdater extends MultiLayerUpdater {
    /** Steps given the network's own gradient array, for the test that the standard path is the one taken. */
    private long stepsOnView;

    GradientViewUpdater(MultiLayerNetwork network) {
        super(network);
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray view = getFlattenedGradientsView();
        if (sameMemory(gradient.gradient(), view)) {
            stepsOnView++;
            gradient = new OnView(gradient, view);
        }
        super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
    }

    long stepsOnView() {
        return stepsOnView;
    }

    /**
     * Whether both arrays cover the same native memory (a reshape wraps it in a new buffer object). A gradient from
     * anywhere else (another network's) keeps DL4J's external path, which is right for it.
     */
    private static boolean sameMemory(INDArray gradient, INDArray view) {
        return gradient.data().address() == view.data().address() && gradient.offset() == view.offset()
                && gradient.length() == view.length() && gradient.dataType() == view.dataType();
    }

    /** The gradient DL4J computed, answering {@code gradient()} with the updater's own view of the same memory. */
    private record OnView(Gradient computed, INDArray view) implements Gradient {
        @Override
        public INDArray gradient() {
            return view;
        }

        @Override
        public Map<String, INDArray> gradientForVariable() {
            return computed.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return computed.gradient(order);
        }

        @Override
        public void clear() {
            computed.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return computed.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return computed.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return computed.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return computed.flatteningOrderForVariable(variable);
        }
    }
}
