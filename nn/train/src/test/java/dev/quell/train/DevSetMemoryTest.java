package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev loss leaves nothing behind in the manager its pairs live in (kept for the whole run),
 * and the pairs stay usable for the next evaluation. Before the fix, each evaluation left its
 * intermediate arrays there: about 250 MB of native memory per checkpoint (session 30, run s15).
 */
class DevSetMemoryTest {
    @Test
    void devLossLeavesNothingInThePairsManager() {
        try (Model model = Model.newInstance("dev-memory")) {
            int inputs = 138;
            QuellNet net = new QuellNet(2, inputs);
            model.setBlock(net);
            NDManager root = model.getNDManager();
            net.initialize(root, DataType.FLOAT32, new Shape(1, 8, inputs));
            try (NDManager devManager = root.newSubManager()) {
                Shape bands = new Shape(1, 20, QuellNet.BANDS);
                NDList[] pair = {
                    new NDList(devManager.randomNormal(new Shape(1, 20, inputs))),
                    new NDList(devManager.randomUniform(0, 1, bands), devManager.randomUniform(0, 1, bands),
                            devManager.ones(bands))};
                List<NDList[]> dev = Collections.singletonList(pair);
                int devBefore = devManager.getManagedArrays().size();
                int rootBefore = root.getManagedArrays().size();
                double first = DevSet.loss(net, new EnhancerLoss(), root, dev);
                double second = DevSet.loss(net, new EnhancerLoss(), root, dev);
                assertTrue(Double.isFinite(first) && first > 0, "loss " + first);
                assertEquals(first, second, 1e-6, "the pairs are unchanged by an evaluation");
                assertEquals(devBefore, devManager.getManagedArrays().size(), "arrays left in the pairs' manager");
                assertEquals(rootBefore, root.getManagedArrays().size(), "arrays left in the model's manager");
            }
        }
    }
}
