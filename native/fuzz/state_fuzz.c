/* libFuzzer target for the shim's parsers of bytes a host hands over: the state reader
 * (src/quell_state.c) and the parameter text parser (quell_param_parse, behind VST3
 * getParamValueByString, given at most 127 characters as the shim's UTF-16 conversion does). Built with clang -fsanitize=fuzzer,address,undefined by fuzz/run.sh (not part
 * of the plugin build). Contract: never crash, never read out of bounds, terminate; on success the
 * values are within each parameter's range and on its step grid; on failure the reason is one
 * non-empty line and the output array is untouched. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quell_core.h"
#include "quell_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    double values[QUELL_PARAM_COUNT];
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        values[i] = -12345.0;
    }
    char why[256];
    /* the reader must not rely on a terminator: hand it an exact-size copy (ASan sees overreads) */
    char *copy = malloc(size ? size : 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, data, size);
    int rc = quell_state_parse(copy, size, values, why, sizeof why);
    free(copy);
    if (rc == 0) {
        for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
            const quell_param_info *p = &QUELL_PARAMS[i];
            if (!isfinite(values[i]) || values[i] < p->min || values[i] > p->max) {
                abort();
            }
            if (p->steps > 0) {
                double step = (p->max - p->min) / p->steps;
                if (p->min + round((values[i] - p->min) / step) * step != values[i]) {
                    abort();
                }
            }
        }
    } else {
        if (!why[0] || strchr(why, '\n')) {
            abort();
        }
        for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
            if (values[i] != -12345.0) {
                abort();
            }
        }
    }
    /* the same bytes as a parameter text: a value in range (clamped on the grid by the caller) or -1 */
    char text[128];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = 0;
    for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
        double plain = -12345.0;
        if (quell_param_parse(i, text, &plain) == 0 && !isfinite(plain)) {
            abort();
        }
    }
    return 0;
}
