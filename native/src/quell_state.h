/* Strict reader of the plugin state, the same rules as the Java engine's EngineState.read:
 * one JSON object, nothing after it; "format" the string "quell-state"; "version" the integer 1;
 * "parameters" an object whose keys are known parameter ids and whose values are numbers in range
 * and on the parameter's step grid; missing parameters take their defaults; other top-level
 * members are ignored. Used when the state is loaded, whether Java runs or not. */
#ifndef QUELL_STATE_H
#define QUELL_STATE_H

#include <stddef.h>

#include "quell_params.h"

/* Parses len bytes (no terminator needed). On success fills values (plain, indexed by parameter)
 * and returns 0; otherwise returns -1 with a one-line reason in why and leaves values untouched. */
int quell_state_parse(const char *data, size_t len, double values[QUELL_PARAM_COUNT], char *why, size_t why_len);

#endif
