package dev.quell.plugin.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The engine's saved state, version {@link #VERSION}: UTF-8 JSON
 * <pre>
 * {"format":"quell-state","version":1,
 *  "parameters":{"post_filter":100.0,"lookahead":20.0,"attenuation_limit":100.0,"bypass":0.0}}
 * </pre>
 * holding every parameter's plain value. Numbers are written in Java's shortest round-trip form,
 * so save/load is exact. Reading is strict: the format tag, a known version, known parameter ids
 * and valid values; a parameter missing from the blob takes its default.
 */
public final class EngineState {
    /** Format tag. */
    public static final String FORMAT = "quell-state";
    /** Current version. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A state blob that cannot be used; the message says why. */
    public static final class StateException extends Exception {
        private static final long serialVersionUID = 1L;

        StateException(String message) {
            super(message);
        }
    }

    private EngineState() {
    }

    /**
     * @param values current parameter values
     * @return the state as UTF-8 JSON bytes
     */
    public static byte[] write(ParameterValues values) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode p = root.putObject("parameters");
        for (Parameter param : Parameter.values()) {
            p.put(param.id(), values.get(param));
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param state bytes from {@link #write}
     * @return plain values indexed by {@link Parameter#ordinal()}
     * @throws StateException for anything but a valid state of a known version
     */
    public static double[] read(byte[] state) throws StateException {
        if (state == null || state.length == 0) {
            throw new StateException("Quell state is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(state, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StateException("Quell state is not valid JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new StateException("not a Quell state (missing \"format\":\"" + FORMAT + "\")");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.asInt() != VERSION) {
            throw new StateException("Quell state version " + version + " is not supported by this build (reads "
                    + VERSION + ")");
        }
        JsonNode params = root.path("parameters");
        if (!params.isObject()) {
            throw new StateException("Quell state has no \"parameters\" object");
        }
        double[] values = new double[Parameter.values().length];
        for (Parameter p : Parameter.values()) {
            values[p.ordinal()] = p.defaultValue();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Parameter p;
            try {
                p = Parameter.byId(e.getKey());
            } catch (IllegalArgumentException ex) {
                // the reason stays one printable line whatever the key holds
                String shown = e.getKey().codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c).limit(60)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                throw new StateException("Quell state names an unknown parameter '" + shown + "'");
            }
            double v = e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN;
            String problem = p.check(v);
            if (problem != null) {
                throw new StateException("Quell state: " + p.id() + " = " + e.getValue() + " " + problem
                        + "");
            }
            values[p.ordinal()] = v;
        }
        return values;
    }
}
