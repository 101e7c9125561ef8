package dev.quell.presets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The preset file format, version {@link #VERSION}: a UTF-8 JSON object
 * <pre>
 * {
 *   "format": "quell-preset",
 *   "version": 1,
 *   "name": "Gentle cleanup",
 *   "description": "...",
 *   "parameters": { "post_filter": 50, "attenuation_limit": 12 }
 * }
 * </pre>
 * Reading checks the schema strictly: the format tag, a known version, a non-blank name, that
 * {@code parameters} is an object of numbers, that every id is known to the
 * {@link PresetSchema} and every value in its range. Unknown top-level fields are rejected too
 * (they are most likely typos). Every problem raises a {@link PresetFormatException} naming the
 * source.
 */
public final class PresetCodec {
    /** Format tag. */
    public static final String FORMAT = "quell-preset";
    /** Current version. */
    public static final int VERSION = 1;
    private static final Set<String> FIELDS = Set.of("format", "version", "name", "description", "parameters");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PresetCodec() {
    }

    /**
     * Parses and validates a preset.
     *
     * @param source file or resource name for error messages
     * @param bytes the file's content
     * @param schema parameters and ranges to validate against
     * @return the preset
     * @throws PresetFormatException if the content is not a valid preset
     */
    public static Preset read(String source, byte[] bytes, PresetSchema schema) throws PresetFormatException {
        JsonNode root = presetObject(source, bytes);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new PresetFormatException(source, "not a Quell preset (\"format\" must be \"" + FORMAT + "\")");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.asInt() != VERSION) {
            throw new PresetFormatException(source, "unsupported preset version " + version + " (this build reads " + VERSION + ")");
        }
        JsonNode name = root.path("name");
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > Preset.MAX_NAME_LENGTH) {
            throw new PresetFormatException(source, "\"name\" must be a string of 1.." + Preset.MAX_NAME_LENGTH + " characters");
        }
        JsonNode description = root.path("description");
        if (!description.isMissingNode() && !description.isTextual()) {
            throw new PresetFormatException(source, "\"description\" must be a string");
        }
        return new Preset(name.asText(), description.asText(""), parameters(source, root.path("parameters"), schema));
    }

    /** @return the file's JSON object, checked to hold only the known top-level fields */
    private static JsonNode presetObject(String source, byte[] bytes) throws PresetFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PresetFormatException(source, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new PresetFormatException(source, "a preset must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new PresetFormatException(source, "unknown field '" + f + "'");
            }
        }
        return root;
    }

    /** @return the "parameters" object's values in file order, each a known id with a finite value in its range */
    private static Map<String, Double> parameters(String source, JsonNode params, PresetSchema schema)
            throws PresetFormatException {
        if (!params.isObject()) {
            throw new PresetFormatException(source, "\"parameters\" must be an object of parameter ids to numbers");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            if (!schema.parameterIds().contains(id)) {
                throw new PresetFormatException(source, "unknown parameter '" + id + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(schema.parameterIds())) + ")");
            }
            if (!e.getValue().isNumber()) {
                throw new PresetFormatException(source, "parameter '" + id + "' must be a number, found " + e.getValue());
            }
            double v = e.getValue().asDouble();
            String problem = Double.isFinite(v) ? schema.check(id, v) : "must be finite";
            if (problem != null) {
                throw new PresetFormatException(source, "parameter '" + id + "' = " + e.getValue() + ": " + problem);
            }
            values.put(id, v);
        }
        return values;
    }

    /**
     * Serialises a preset (pretty-printed, UTF-8).
     *
     * @param preset the preset
     * @return the file content
     */
    public static byte[] write(Preset preset) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", preset.name());
        root.put("description", preset.description());
        ObjectNode params = root.putObject("parameters");
        preset.values().forEach(params::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise preset " + preset.name(), e);
        }
    }
}
