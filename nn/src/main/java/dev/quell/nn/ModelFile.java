package dev.quell.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The Quell model file, version {@link #VERSION}. Layout (all integers little-endian):
 * <pre>
 * offset 0   8 bytes   magic "QUELLNN\0"
 *        8   uint32    format version (1)
 *       12   uint32    header length H in bytes
 *       16   H bytes   UTF-8 JSON header
 *   16 + H   ...       tensors as little-endian float32, in header order, no padding
 *      end   uint32    CRC-32 (IEEE, java.util.zip.CRC32) of every byte before it
 * </pre>
 * Header fields: {@code input_size}, {@code feature_mean}, {@code feature_std} (the normalisation
 * applied to the DSP features), {@code layers} (objects with {@code type} dense|conv1d|gru,
 * {@code name}, optional {@code inputs} — names of earlier layers or "features", default the
 * previous layer —, {@code activation} for dense/conv1d, {@code future} for conv1d),
 * {@code tensors} (objects with {@code name} and {@code shape}, PyTorch layouts: dense
 * {@code name.weight} [out, in] and {@code name.bias}; conv1d {@code name.weight} [out, in, k];
 * gru {@code name.weight_ih} [3H, I], {@code name.weight_hh} [3H, H], {@code name.bias_ih},
 * {@code name.bias_hh}), and free-form {@code provenance}. The look-ahead follows from the
 * layers and is checked against {@code lookahead_frames} when present.
 *
 * <p>Every problem (wrong magic, unknown version, checksum mismatch, truncation, inconsistent
 * shapes) raises a {@link ModelFormatException} naming the file.
 */
public final class ModelFile {
    /** Current format version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Q', 'U', 'E', 'L', 'L', 'N', 'N', 0};
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A tensor to write: shape and row-major float data.
     *
     * @param shape dimensions
     * @param data values, product(shape) of them
     */
    public record Tensor(int[] shape, float[] data) {
    }

    /**
     * Everything a model file holds.
     *
     * @param inputSize feature count
     * @param featureMean per-feature mean
     * @param featureStd per-feature standard deviation
     * @param layers layer descriptions in evaluation order (JSON-like maps: type, name, inputs,
     *     activation, future)
     * @param tensors tensors by name, in file order
     * @param provenance free-form training provenance
     */
    public record Contents(int inputSize, float[] featureMean, float[] featureStd,
                           List<Map<String, Object>> layers, LinkedHashMap<String, Tensor> tensors,
                           Map<String, Object> provenance) {
    }

    private ModelFile() {
    }

    /**
     * Writes a model file atomically (temporary sibling, then move).
     *
     * @param file destination
     * @param contents what to write
     * @throws IOException if writing fails
     */
    public static void write(Path file, Contents contents) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("input_size", contents.inputSize());
        ArrayNode mean = header.putArray("feature_mean");
        ArrayNode std = header.putArray("feature_std");
        for (int i = 0; i < contents.inputSize(); i++) {
            mean.add(contents.featureMean()[i]);
            std.add(contents.featureStd()[i]);
        }
        header.set("layers", JSON.valueToTree(contents.layers()));
        ArrayNode tensors = header.putArray("tensors");
        int floats = 0;
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            ObjectNode t = tensors.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            int n = 1;
            for (int d : e.getValue().shape()) {
                shape.add(d);
                n *= d;
            }
            if (n != e.getValue().data().length) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " has " + e.getValue().data().length
                        + " values for its shape");
            }
            floats += n;
        }
        header.set("provenance", JSON.valueToTree(contents.provenance() == null ? Map.of() : contents.provenance()));
        byte[] headerBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header);
        ByteBuffer buf = ByteBuffer.allocate(16 + headerBytes.length + 4 * floats + 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(headerBytes.length).put(headerBytes);
        for (Tensor t : contents.tensors().values()) {
            for (float v : t.data()) {
                buf.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        dev.quell.files.AtomicFiles.write(file, buf.array());
    }

    /**
     * Reads and builds a model from a file.
     *
     * @param file the model file
     * @param precision weight precision to build
     * @return the model
     * @throws ModelFormatException if the file is malformed (message names the file and problem)
     * @throws IOException if it cannot be read
     */
    public static Model read(Path file, Precision precision) throws IOException {
        return read(file, precision, NATIVE_LOOKAHEAD);
    }

    /**
     * Reads a model file, optionally running it with less look-ahead than it was trained with.
     * Look-ahead is reduced by folding the future taps of the convolutions, the last one first
     * ({@link ConvLayer#foldFuture}): the unseen frames are replaced by the newest one at that
     * layer. Quality at a reduced look-ahead must be measured (docs/model-card.md); a model
     * trained with randomly reduced look-ahead serves every setting well.
     *
     * @param file the model file
     * @param precision weight precision to build
     * @param lookahead look-ahead in frames to run with, 0..the model's, or
     *     {@link #NATIVE_LOOKAHEAD} for the trained look-ahead
     * @return the model, whose {@link Model#lookahead()} is the requested one
     * @throws ModelFormatException if the file is malformed or cannot run with that look-ahead
     * @throws IOException if it cannot be read
     */
    public static Model read(Path file, Precision precision, int lookahead) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, "no such model file");
        }
        return parse(file, Files.readAllBytes(file), precision, lookahead);
    }

    /**
     * Reads a model once for every look-ahead it can run with: element k runs with k frames
     * (see {@link #read(Path, Precision, int)}), the last is the model as trained. The dense and
     * recurrent weight matrices (all but the folded convolutions) are one read-only copy shared by
     * all of them, so this costs one parse and about the memory of one model.
     *
     * @param name name used in error messages
     * @param bytes the bytes of a model file
     * @param precision weight precision to build
     * @return models for look-ahead 0 to the trained one, in that order (length trained + 1)
     * @throws ModelFormatException if the content is malformed or cannot run with less look-ahead
     */
    public static Model[] readEveryLookahead(String name, byte[] bytes, Precision precision) throws ModelFormatException {
        Parsed p = check(Path.of(name), bytes);
        Map<String, WeightMatrix> shared = new HashMap<>();
        Model full = buildFull(p, precision, shared);
        Model[] models = new Model[full.lookahead() + 1];
        models[full.lookahead()] = full;
        for (int la = 0; la < full.lookahead(); la++) {
            models[la] = reduce(p, full, precision, la, shared);
        }
        return models;
    }

    /** Look-ahead argument meaning "as trained". */
    public static final int NATIVE_LOOKAHEAD = -1;

    /**
     * Reads a model from a stream (e.g. a classpath resource).
     *
     * @param name name used in error messages
     * @param in the bytes of a model file
     * @param precision weight precision to build
     * @return the model
     * @throws IOException if reading fails or the content is malformed
     */
    public static Model read(String name, InputStream in, Precision precision) throws IOException {
        return read(name, in, precision, NATIVE_LOOKAHEAD);
    }

    /**
     * Reads a model from a stream with a chosen look-ahead (see {@link #read(Path, Precision, int)}).
     *
     * @param name name used in error messages
     * @param in the bytes of a model file
     * @param precision weight precision to build
     * @param lookahead frames, 0..the model's, or {@link #NATIVE_LOOKAHEAD}
     * @return the model
     * @throws IOException if reading fails or the content is malformed
     */
    public static Model read(String name, InputStream in, Precision precision, int lookahead) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return parse(Path.of(name), out.toByteArray(), precision, lookahead);
    }

    /** A checked file: its header and tensors, before any network is built. */
    private record Parsed(Path file, JsonNode header, Map<String, float[]> tensors, Map<String, int[]> shapes) {
    }

    private static Model parse(Path file, byte[] bytes, Precision precision, int lookahead)
            throws ModelFormatException {
        return build(check(file, bytes), precision, lookahead, new HashMap<>());
    }

    private static Parsed check(Path file, byte[] bytes) throws ModelFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode header = readHeader(file, bytes, buf);
        Map<String, float[]> tensors = new HashMap<>();
        Map<String, int[]> shapes = new HashMap<>();
        int end = readTensors(file, buf, header, 16 + buf.getInt(12), tensors, shapes);
        checkTrailer(file, bytes, buf, end);
        return new Parsed(file, header, tensors, shapes);
    }

    /** Checks magic, version and header length (bytes 0-15), then parses the JSON header after them. */
    private static JsonNode readHeader(Path file, byte[] bytes, ByteBuffer buf) throws ModelFormatException {
        if (bytes.length < 20) {
            throw new ModelFormatException(file, "too short to be a Quell model (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFormatException(file, "not a Quell model file (bad magic)");
            }
        }
        int version = buf.getInt(8);
        if (version != VERSION) {
            throw new ModelFormatException(file, "unsupported model format version " + version + " (this build reads " + VERSION + ")");
        }
        int headerLength = buf.getInt(12);
        if (headerLength < 2 || 16L + headerLength + 4 > bytes.length) {
            throw new ModelFormatException(file, "truncated: header length " + headerLength + " exceeds the file");
        }
        try {
            return JSON.readTree(new String(bytes, 16, headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelFormatException(file, "malformed JSON header (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Reads the tensors the header lists, in its order, as little-endian float32 from {@code pos} on.
     *
     * @return the offset after the last tensor, bytes
     */
    private static int readTensors(Path file, ByteBuffer buf, JsonNode header, int pos, Map<String, float[]> tensors,
                                   Map<String, int[]> shapes) throws ModelFormatException {
        for (JsonNode t : header.path("tensors")) {
            String name = t.path("name").asText();
            int[] shape = shapeOf(file, name, t.path("shape"));
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (pos + 4 * n + 4 > buf.capacity()) {
                throw new ModelFormatException(file, "truncated: tensor " + name + " runs past the end of the file");
            }
            float[] data = new float[(int) n];
            buf.slice(pos, 4 * (int) n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data); // bulk: fast even before the JIT
            pos += 4 * (int) n;
            tensors.put(name, data);
            shapes.put(name, shape);
        }
        return pos;
    }

    private static int[] shapeOf(Path file, String name, JsonNode shapeNode) throws ModelFormatException {
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            if (shape[i] <= 0) {
                throw new ModelFormatException(file, "tensor " + name + " has a non-positive dimension");
            }
        }
        return shape;
    }

    /** Checks that the CRC-32 of bytes 0..end-1 follows at {@code end} and ends the file. */
    private static void checkTrailer(Path file, byte[] bytes, ByteBuffer buf, int end) throws ModelFormatException {
        if (end + 4 != bytes.length) {
            throw new ModelFormatException(file, (end + 4 > bytes.length ? "truncated" : "trailing bytes")
                    + ": expected " + (end + 4) + " bytes, found " + bytes.length);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        if ((int) crc.getValue() != buf.getInt(end)) {
            throw new ModelFormatException(file, "checksum mismatch: the file is corrupt");
        }
    }

    /**
     * Builds the network of a checked file for one look-ahead.
     *
     * @param shared weight matrices already built from the same file and precision, by tensor name;
     *     matrices this build makes are added, so models built with one map share their read-only
     *     weights
     */
    private static Model build(Parsed p, Precision precision, int lookahead, Map<String, WeightMatrix> shared)
            throws ModelFormatException {
        return reduce(p, buildFull(p, precision, shared), precision, lookahead, shared);
    }

    /** The network as trained (see {@link #build(Parsed, Precision, int, Map)} for {@code shared}). */
    private static Model buildFull(Parsed p, Precision precision, Map<String, WeightMatrix> shared)
            throws ModelFormatException {
        try {
            return build(p.header(), p.tensors(), p.shapes(), precision, Map.of(), shared);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(p.file(), "inconsistent model: " + e.getMessage());
        }
    }

    /**
     * The trained network {@code full} run with less look-ahead: the convolutions' future taps are
     * folded, the last convolution first; {@code full} itself for its own look-ahead or
     * {@link #NATIVE_LOOKAHEAD}.
     */
    private static Model reduce(Parsed p, Model full, Precision precision, int lookahead, Map<String, WeightMatrix> shared)
            throws ModelFormatException {
        Path file = p.file();
        JsonNode header = p.header();
        if (lookahead == NATIVE_LOOKAHEAD || lookahead == full.lookahead()) {
            return full;
        }
        if (lookahead < 0 || lookahead > full.lookahead()) {
            throw new ModelFormatException(file, "cannot run with " + lookahead + " frames of look-ahead (the model has "
                    + full.lookahead() + ")");
        }
        List<String> convs = new ArrayList<>();
        Map<String, Integer> futures = new HashMap<>();
        for (JsonNode l : header.path("layers")) {
            if (l.path("type").asText().equals("conv1d")) {
                convs.add(l.path("name").asText());
                futures.put(l.path("name").asText(), l.path("future").asInt(0));
            }
        }
        int cut = full.lookahead() - lookahead;
        Map<String, Integer> reduced = new HashMap<>();
        for (int i = convs.size() - 1; i >= 0 && cut > 0; i--) {
            int f = futures.get(convs.get(i));
            int take = Math.min(f, cut);
            if (take > 0) {
                reduced.put(convs.get(i), f - take);
                cut -= take;
            }
        }
        Model model;
        try {
            model = build(header, p.tensors(), p.shapes(), precision, reduced, shared);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(file, "cannot reduce the look-ahead to " + lookahead + ": " + e.getMessage());
        }
        if (model.lookahead() != lookahead) {
            throw new ModelFormatException(file, "cannot reduce the look-ahead to " + lookahead
                    + " by folding convolutions (got " + model.lookahead() + ")");
        }
        return model;
    }

    private static float[] floats(JsonNode arr, int n, String what) {
        if (arr.size() != n) {
            throw new IllegalArgumentException(what + " needs " + n + " values, has " + arr.size());
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) arr.get(i).asDouble();
        }
        return v;
    }

    /**
     * The indices of a layer's inputs: earlier layers by name, −1 for the features; the previous
     * layer when the entry names none.
     */
    private static int[] sources(JsonNode entry, String name, Map<String, Integer> index, int previous) {
        if (!entry.has("inputs")) {
            return new int[] {previous};
        }
        JsonNode inputs = entry.get("inputs");
        int[] src = new int[inputs.size()];
        for (int i = 0; i < src.length; i++) {
            String s = inputs.get(i).asText();
            Integer idx = s.equals("features") ? Integer.valueOf(-1) : index.get(s);
            if (idx == null) {
                throw new IllegalArgumentException(name + ": unknown input '" + s + "'");
            }
            src[i] = idx;
        }
        return src;
    }

    private static Model build(JsonNode header, Map<String, float[]> tensors, Map<String, int[]> shapes,
                               Precision precision, Map<String, Integer> reducedFuture, Map<String, WeightMatrix> shared) {
        int inputSize = header.path("input_size").asInt(-1);
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input_size missing or not positive");
        }
        float[] mean = floats(header.path("feature_mean"), inputSize, "feature_mean");
        float[] std = floats(header.path("feature_std"), inputSize, "feature_std");
        LayerBuilder builder = new LayerBuilder(tensors, shapes, precision, reducedFuture, shared);
        List<Layer> layers = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (JsonNode l : header.path("layers")) {
            String name = l.path("name").asText();
            if (name.isEmpty() || index.containsKey(name) || name.equals("features")) {
                throw new IllegalArgumentException("layer names must be unique and not 'features': '" + name + "'");
            }
            int[] src = sources(l, name, index, layers.size() - 1);
            int width = 0;
            for (int s : src) {
                width += s < 0 ? inputSize : layers.get(s).outputSize();
            }
            index.put(name, layers.size());
            layers.add(builder.build(l, name, width, Arrays.stream(src).anyMatch(i -> i < 0)));
            sources.add(src);
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        header.path("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue().toString()));
        Model model = new Model(inputSize, mean, std, layers, sources.toArray(new int[0][]), provenance);
        if (reducedFuture.isEmpty() && header.has("lookahead_frames")
                && header.get("lookahead_frames").asInt() != model.lookahead()) {
            throw new IllegalArgumentException("lookahead_frames " + header.get("lookahead_frames").asInt()
                    + " disagrees with the layers (" + model.lookahead() + ")");
        }
        return model;
    }
}
