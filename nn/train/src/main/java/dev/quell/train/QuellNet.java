package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The enhancer's network in DJL, PercepNet's shape (ALGORITHM.md step 7) at a size that trains
 * on two CPU cores:
 * <pre>
 * features (70, 104 or 138, dsp.NetworkInputs) -> input: dense 128, tanh
 *   -> conv1: 3 frames, 256, tanh   (future taps f1)
 *   -> conv2: 3 frames, 256, tanh   (future taps f2; f1 + f2 = look-ahead)
 *   -> gru1 H -> gru2 H          (H = 256 by default; wider with {@link #QuellNet(int, int, int)})
 *   gains:      dense 34, sigmoid, on [conv2, gru1, gru2]
 *   gru_r 128 on [conv2, gru2] -> strengths: dense 34, sigmoid
 *   optional SNR head: dense 1, sigmoid, on [conv2, gru1, gru2] (training only, {@link FrameSnr})
 * </pre>
 * Input (batch, frames, 70, 104 or 138) of normalised features; outputs (batch, frames, 34) twice, then
 * (batch, frames, 1) with the SNR head. The head is an extra training objective (PercepNet+); the
 * runtime model file has no place for it and the exporter leaves it out. The
 * convolutions are padded with k-1-f zero frames before and f after, exactly what the streaming
 * runtime's delay-f convolution computes. Layer names match the runtime model file.
 */
public final class QuellNet extends AbstractBlock {
    private static final int KERNEL = 3;
    /** Features per frame of the plain input ({@link dev.quell.dsp.Features#COUNT}). */
    public static final int FEATURES = 70;
    /** Output bands. */
    public static final int BANDS = 34;
    static final int INPUT = 128;
    static final int CONV = 256;
    static final int GRU_SIZE = 256;
    static final int GRU_R = 128;

    private final int features;
    private final int gruSize;
    private final int future1;
    private final int future2;
    private int active1;
    private int active2;
    private final Linear input;
    private final Conv1d conv1;
    private final Conv1d conv2;
    private final GRU gru1;
    private final GRU gru2;
    private final GRU gruR;
    private final Linear gains;
    private final Linear strengths;
    private final Linear snr;

    /** @param lookahead total look-ahead in frames, 0..2; the plain 70 input features */
    public QuellNet(int lookahead) {
        this(lookahead, FEATURES);
    }

    /**
     * @param lookahead total look-ahead in frames, 0..2
     * @param features input features per frame: 70 ({@link dev.quell.dsp.Features}), 104 (with
     *     the {@link dev.quell.dsp.NoiseFloor} distances appended) or 138 (and the
     *     {@link dev.quell.dsp.ModulationDepth} values; see {@link dev.quell.dsp.NetworkInputs})
     * @throws IllegalArgumentException for another look-ahead or feature count
     */
    public QuellNet(int lookahead, int features) {
        this(lookahead, features, GRU_SIZE);
    }

    /**
     * @param lookahead total look-ahead in frames, 0..2
     * @param features input features per frame: 70, 104 or 138 (see {@link #QuellNet(int, int)})
     * @param gruSize state size H of gru1 and gru2, {@value #GRU_SIZE}..1024 (the shipped network uses 256)
     * @throws IllegalArgumentException for another look-ahead or feature count, or H out of range
     */
    public QuellNet(int lookahead, int features, int gruSize) {
        this(lookahead, features, gruSize, false);
    }

    /**
     * @param lookahead total look-ahead in frames, 0..2
     * @param features input features per frame: 70, 104 or 138 (see {@link #QuellNet(int, int)})
     * @param gruSize state size H of gru1 and gru2 (see {@link #QuellNet(int, int, int)})
     * @param snrHead whether the network has the SNR head, a third output ({@link FrameSnr}); its
     *     parameters come after all others, so a checkpoint without it is a prefix of one with it
     * @throws IllegalArgumentException as {@link #QuellNet(int, int, int)}
     */
    public QuellNet(int lookahead, int features, int gruSize, boolean snrHead) {
        if (gruSize < GRU_SIZE || gruSize > 1024) {
            throw new IllegalArgumentException("GRU size must be " + GRU_SIZE + "..1024: " + gruSize);
        }
        this.gruSize = gruSize;
        if (lookahead < 0 || lookahead > 2) {
            throw new IllegalArgumentException("look-ahead 0..2 frames");
        }
        if (!dev.quell.dsp.NetworkInputs.supports(features)) {
            throw new IllegalArgumentException("input features must be " + dev.quell.dsp.NetworkInputs.SUPPORTED
                    + ": " + features);
        }
        this.features = features;
        future1 = lookahead > 0 ? 1 : 0;
        future2 = lookahead - future1;
        active1 = future1;
        active2 = future2;
        input = addChildBlock("input", Linear.builder().setUnits(INPUT).build());
        conv1 = addChildBlock("conv1", Conv1d.builder().setKernelShape(new Shape(KERNEL)).setFilters(CONV).build());
        conv2 = addChildBlock("conv2", Conv1d.builder().setKernelShape(new Shape(KERNEL)).setFilters(CONV).build());
        gru1 = addChildBlock("gru1", gru(gruSize));
        gru2 = addChildBlock("gru2", gru(gruSize));
        gruR = addChildBlock("gru_r", gru(GRU_R));
        gains = addChildBlock("gains", Linear.builder().setUnits(BANDS).build());
        strengths = addChildBlock("strengths", Linear.builder().setUnits(BANDS).build());
        snr = snrHead ? addChildBlock("snr", Linear.builder().setUnits(1).build()) : null;
    }

    private static GRU gru(int size) {
        return GRU.builder().setStateSize(size).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    /** @return input features per frame */
    public int featureCount() {
        return features;
    }

    /** @return state size H of gru1 and gru2 */
    public int gruSize() {
        return gruSize;
    }

    /** @return whether the network has the SNR head */
    public boolean hasSnrHead() {
        return snr != null;
    }

    /** @return total look-ahead the network was built for, frames (0..2) */
    public int lookahead() {
        return future1 + future2;
    }

    /** @return future taps of conv1 and conv2 */
    public int[] futures() {
        return new int[] {future1, future2};
    }

    /**
     * Runs the following forward passes as if the network had only {@code lookahead} frames of
     * look-ahead, exactly as the runtime does for a reduced look-ahead
     * ({@code dev.quell.nn.ModelFile.read(file, precision, lookahead)}): the future taps of the
     * last convolution are folded first, each folded tap adding into the newest tap still
     * available. Training with a random reduced look-ahead per batch gives one model that serves
     * every look-ahead setting of the plugin.
     *
     * @param lookahead 0..the network's look-ahead
     * @throws IllegalArgumentException outside that range
     */
    public void setActiveLookahead(int lookahead) {
        if (lookahead < 0 || lookahead > future1 + future2) {
            throw new IllegalArgumentException("look-ahead " + lookahead + " outside 0.." + (future1 + future2));
        }
        int cut = future1 + future2 - lookahead;
        active2 = future2 - Math.min(future2, cut);
        cut -= future2 - active2;
        active1 = future1 - cut;
    }

    private NDArray conv(ParameterStore ps, Conv1d block, NDArray x, int future, int active, boolean training) {
        NDManager m = x.getManager();
        Shape s = x.getShape(); // (B, T, C)
        NDArray t = x.transpose(0, 2, 1);
        int before = KERNEL - 1 - future;
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(m.zeros(new Shape(s.get(0), s.get(2), before), x.getDataType()));
        }
        parts.add(t);
        if (active > 0) {
            parts.add(m.zeros(new Shape(s.get(0), s.get(2), active), x.getDataType()));
        }
        NDArray padded = NDArrays.concat(parts, 2);
        if (active == future) {
            return block.forward(ps, new NDList(padded), training).head().transpose(0, 2, 1);
        }
        // folded kernel: taps beyond the newest available frame add into that frame's tap
        NDArray w = ps.getValue(block.getParameters().get("weight"), x.getDevice(), training);
        NDArray b = ps.getValue(block.getParameters().get("bias"), x.getDevice(), training);
        int k2 = KERNEL - (future - active);
        // an operation on a parameter puts its result in the parameter's manager, which lives as
        // long as the model: each part goes to the batch's manager, freed after the step
        NDArray newest = attached(m, attached(m, w.get(":, :, " + (k2 - 1) + ":")).sum(new int[] {2}, true));
        NDArray folded = k2 == 1 ? newest : attached(m, w.get(":, :, 0:" + (k2 - 1))).concat(newest, 2);
        return Conv1d.conv1d(padded, folded, b).head().transpose(0, 2, 1);
    }

    /** a, moved to manager m (closed with it). */
    private static NDArray attached(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray h = input.forward(ps, new NDList(x), training).head().tanh();
        NDArray c1 = conv(ps, conv1, h, future1, active1, training).tanh();
        NDArray c2 = conv(ps, conv2, c1, future2, active2, training).tanh();
        NDArray g1 = gru1.forward(ps, new NDList(c2), training).head();
        NDArray g2 = gru2.forward(ps, new NDList(g1), training).head();
        NDArray gr = gruR.forward(ps, new NDList(c2.concat(g2, 2)), training).head();
        NDArray joint = NDArrays.concat(new NDList(c2, g1, g2), 2);
        NDArray gain = gains.forward(ps, new NDList(joint), training).head();
        NDArray strength = strengths.forward(ps, new NDList(gr), training).head();
        NDList out = new NDList(ai.djl.nn.Activation.sigmoid(gain), ai.djl.nn.Activation.sigmoid(strength));
        if (snr != null) {
            out.add(ai.djl.nn.Activation.sigmoid(snr.forward(ps, new NDList(joint), training).head()));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        Shape bands = new Shape(s.get(0), s.get(1), BANDS);
        return snr == null ? new Shape[] {bands, bands} : new Shape[] {bands, bands, new Shape(s.get(0), s.get(1), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long b = s.get(0);
        long t = s.get(1);
        input.initialize(manager, dataType, new Shape(b, t, features));
        conv1.initialize(manager, dataType, new Shape(b, INPUT, t + KERNEL - 1));
        conv2.initialize(manager, dataType, new Shape(b, CONV, t + KERNEL - 1));
        gru1.initialize(manager, dataType, new Shape(b, t, CONV));
        gru2.initialize(manager, dataType, new Shape(b, t, gruSize));
        gruR.initialize(manager, dataType, new Shape(b, t, CONV + gruSize));
        gains.initialize(manager, dataType, new Shape(b, t, CONV + 2 * gruSize));
        strengths.initialize(manager, dataType, new Shape(b, t, GRU_R));
        if (snr != null) {
            snr.initialize(manager, dataType, new Shape(b, t, CONV + 2 * gruSize));
        }
    }

    /**
     * @param name child block name
     * @return the child block
     */
    public Block child(String name) {
        switch (name) {
            case "input": return input;
            case "conv1": return conv1;
            case "conv2": return conv2;
            case "gru1": return gru1;
            case "gru2": return gru2;
            case "gru_r": return gruR;
            case "gains": return gains;
            case "strengths": return strengths;
            case "snr":
                if (snr != null) {
                    return snr;
                }
                throw new IllegalArgumentException("no SNR head");
            default: throw new IllegalArgumentException("no block " + name);
        }
    }
}
