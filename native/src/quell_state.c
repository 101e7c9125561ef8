/* Strict state reader: see quell_state.h. A small recursive-descent JSON reader (RFC 8259) that
 * checks the whole text and keeps only what the state needs. */
#include "quell_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32
#define KEY_MAX 64

typedef struct {
    const char *s;
    size_t n;
    size_t pos;
    int depth;
    char *why;
    size_t why_len;
} Reader;

static int fail(Reader *r, const char *reason) {
    if (r->why && r->why_len) {
        snprintf(r->why, r->why_len, "%s", reason);
    }
    return -1;
}

static void skip_ws(Reader *r) {
    while (r->pos < r->n && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' || r->s[r->pos] == '\n' || r->s[r->pos] == '\r')) {
        r->pos++;
    }
}

static int peek(Reader *r) {
    skip_ws(r);
    return r->pos < r->n ? (unsigned char) r->s[r->pos] : -1;
}

static int hex(int c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string; its ASCII content (escapes decoded) goes to out when it fits, else out is "" and *long_ = 1. */
static int read_string(Reader *r, char *out, size_t out_len, int *too_long) {
    if (peek(r) != '"') {
        return fail(r, "Quell state is not valid JSON (a string was expected)");
    }
    r->pos++;
    size_t k = 0;
    *too_long = 0;
    while (r->pos < r->n) {
        unsigned char c = (unsigned char) r->s[r->pos++];
        int ch = c;
        if (c == '"') {
            if (out_len) {
                out[*too_long ? 0 : k] = 0;
            }
            return 0;
        }
        if (c < 0x20) {
            return fail(r, "Quell state is not valid JSON (control character in a string)");
        }
        if (c == '\\') {
            if (r->pos >= r->n) {
                break;
            }
            char e = r->s[r->pos++];
            switch (e) {
                case '"': case '\\': case '/': ch = e; break;
                case 'b': ch = '\b'; break;
                case 'f': ch = '\f'; break;
                case 'n': ch = '\n'; break;
                case 'r': ch = '\r'; break;
                case 't': ch = '\t'; break;
                case 'u': {
                    if (r->pos + 4 > r->n) {
                        return fail(r, "Quell state is not valid JSON (truncated \\u escape)");
                    }
                    ch = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = hex(r->s[r->pos++]);
                        if (h < 0) {
                            return fail(r, "Quell state is not valid JSON (bad \\u escape)");
                        }
                        ch = ch * 16 + h;
                    }
                    break;
                }
                default: return fail(r, "Quell state is not valid JSON (bad escape in a string)");
            }
        }
        if (ch >= 0x80 || k + 1 >= out_len) {
            *too_long = 1; /* not a key we know (ours are short ASCII) */
        } else if (!*too_long) {
            out[k++] = (char) ch;
        }
    }
    return fail(r, "Quell state is not valid JSON (it ends inside a string)");
}

/* A number per the JSON grammar; *is_int when it has no fraction and no exponent. */
static int read_number(Reader *r, double *v, int *is_int) {
    skip_ws(r);
    size_t start = r->pos;
    const char *s = r->s;
    size_t i = r->pos;
    if (i < r->n && s[i] == '-') i++;
    if (i < r->n && s[i] == '0') {
        i++;
    } else if (i < r->n && s[i] >= '1' && s[i] <= '9') {
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        return fail(r, "Quell state is not valid JSON (a value was expected)");
    }
    *is_int = 1;
    if (i < r->n && s[i] == '.') {
        i++;
        *is_int = 0;
        if (i >= r->n || s[i] < '0' || s[i] > '9') return fail(r, "Quell state is not valid JSON (bad number)");
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < r->n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        *is_int = 0;
        if (i < r->n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= r->n || s[i] < '0' || s[i] > '9') return fail(r, "Quell state is not valid JSON (bad number)");
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    }
    char buf[64];
    size_t len = i - start;
    if (len >= sizeof buf) {
        *v = len > 0 && s[start] == '-' ? -INFINITY : INFINITY; /* absurdly long: out of any range */
    } else {
        memcpy(buf, s + start, len);
        buf[len] = 0;
        *v = strtod(buf, NULL);
    }
    r->pos = i;
    return 0;
}

static int skip_value(Reader *r);

static int expect(Reader *r, char c, const char *reason) {
    if (peek(r) != c) {
        return fail(r, reason);
    }
    r->pos++;
    return 0;
}

static int literal(Reader *r, const char *word) {
    size_t len = strlen(word);
    if (r->pos + len > r->n || memcmp(r->s + r->pos, word, len) != 0) {
        return fail(r, "Quell state is not valid JSON (unknown literal)");
    }
    r->pos += len;
    return 0;
}

/* An object or array whose members are skipped; f is called for each object member (NULL: skip all). */
typedef int (*member_fn)(Reader *r, const char *key, int key_too_long, void *ctx);

static int read_object(Reader *r, member_fn f, void *ctx) {
    if (++r->depth > MAX_DEPTH) {
        return fail(r, "Quell state is nested too deeply");
    }
    if (expect(r, '{', "Quell state is not valid JSON (an object was expected)")) return -1;
    if (peek(r) == '}') {
        r->pos++;
        r->depth--;
        return 0;
    }
    for (;;) {
        char key[KEY_MAX];
        int too_long;
        if (read_string(r, key, sizeof key, &too_long)) return -1;
        if (expect(r, ':', "Quell state is not valid JSON (':' expected after a key)")) return -1;
        if (f ? f(r, key, too_long, ctx) : skip_value(r)) return -1;
        int c = peek(r);
        r->pos++;
        if (c == '}') break;
        if (c != ',') return fail(r, c < 0 ? "Quell state is not valid JSON (it ends inside an object: truncated?)"
                                          : "Quell state is not valid JSON (',' or '}' expected)");
    }
    r->depth--;
    return 0;
}

static int skip_value(Reader *r) {
    int c = peek(r);
    char tmp[2];
    int too_long;
    double v;
    int is_int;
    switch (c) {
        case '{': return read_object(r, NULL, NULL);
        case '[':
            if (++r->depth > MAX_DEPTH) return fail(r, "Quell state is nested too deeply");
            r->pos++;
            if (peek(r) == ']') { r->pos++; r->depth--; return 0; }
            for (;;) {
                if (skip_value(r)) return -1;
                int d = peek(r);
                r->pos++;
                if (d == ']') break;
                if (d != ',') return fail(r, "Quell state is not valid JSON (',' or ']' expected)");
            }
            r->depth--;
            return 0;
        case '"': return read_string(r, tmp, sizeof tmp, &too_long);
        case 't': return literal(r, "true");
        case 'f': return literal(r, "false");
        case 'n': return literal(r, "null");
        case -1: return fail(r, "Quell state is not valid JSON (it ends where a value was expected: truncated?)");
        default: return read_number(r, &v, &is_int);
    }
}

typedef struct {
    int has_format, has_version, has_params;
    double values[QUELL_PARAM_COUNT];
} StateCtx;

static const char *format_value(double v, char *buf, size_t len) {
    snprintf(buf, len, "%g", v);
    return buf;
}

/* Java's Parameter.check: finite, in range, and (stepped parameters) exactly on the grid. */
static int check_param(Reader *r, int i, double v) {
    const quell_param_info *p = &QUELL_PARAMS[i];
    char a[32], b[32], msg[256];
    if (!isfinite(v) || v < p->min || v > p->max) {
        snprintf(msg, sizeof msg, "Quell state: %s = %g must be between %s and %s", p->key, v,
                 format_value(p->min, a, sizeof a), format_value(p->max, b, sizeof b));
        return fail(r, msg);
    }
    if (p->steps > 0) {
        double step = (p->max - p->min) / p->steps;
        double snapped = p->min + round((v - p->min) / step) * step;
        if (snapped != v) {
            snprintf(msg, sizeof msg, "Quell state: %s = %g is not one of its %d steps", p->key, v, p->steps + 1);
            return fail(r, msg);
        }
    }
    return 0;
}

static int parameter_member(Reader *r, const char *key, int too_long, void *ctx) {
    StateCtx *st = ctx;
    for (int i = 0; !too_long && i < QUELL_PARAM_COUNT; i++) {
        if (!strcmp(key, QUELL_PARAMS[i].key)) {
            int c = peek(r);
            if (c != '-' && (c < '0' || c > '9')) {
                char msg[160];
                snprintf(msg, sizeof msg, "Quell state: %s is not a number", QUELL_PARAMS[i].key);
                return fail(r, msg);
            }
            double v;
            int is_int;
            if (read_number(r, &v, &is_int) || check_param(r, i, v)) return -1;
            st->values[i] = v;
            return 0;
        }
    }
    char shown[KEY_MAX];
    size_t k = 0;
    for (; !too_long && key[k] && k + 1 < sizeof shown; k++) { /* the reason stays one printable line */
        shown[k] = (unsigned char) key[k] < 0x20 || key[k] == 0x7f ? '?' : key[k];
    }
    shown[k] = 0;
    char msg[160];
    snprintf(msg, sizeof msg, "Quell state names an unknown parameter '%s'", too_long ? "(a long name)" : shown);
    return fail(r, msg);
}

static int root_member(Reader *r, const char *key, int too_long, void *ctx) {
    StateCtx *st = ctx;
    if (!too_long && !strcmp(key, "format")) {
        char value[32];
        int long_value;
        if (peek(r) != '"') return fail(r, "not a Quell state (\"format\" is not a string)");
        if (read_string(r, value, sizeof value, &long_value)) return -1;
        st->has_format = !long_value && !strcmp(value, "quell-state");
        return 0;
    }
    if (!too_long && !strcmp(key, "version")) {
        double v;
        int is_int;
        int c = peek(r);
        if (c != '-' && (c < '0' || c > '9')) return fail(r, "Quell state version is not a number");
        if (read_number(r, &v, &is_int)) return -1;
        if (!is_int) {
            return fail(r, "Quell state version is not an integer");
        }
        if (v != 1) {
            char msg[128];
            snprintf(msg, sizeof msg, "Quell state version %g is not supported by this build (reads 1)", v);
            return fail(r, msg);
        }
        st->has_version = 1;
        return 0;
    }
    if (!too_long && !strcmp(key, "parameters")) {
        if (peek(r) != '{') return fail(r, "Quell state has no \"parameters\" object");
        for (int i = 0; i < QUELL_PARAM_COUNT; i++) {
            st->values[i] = QUELL_PARAMS[i].def; /* a repeated "parameters" replaces the earlier one */
        }
        st->has_params = 1;
        return read_object(r, parameter_member, st);
    }
    return skip_value(r);
}

int quell_state_parse(const char *data, size_t len, double values[QUELL_PARAM_COUNT], char *why, size_t why_len) {
    Reader r = {data, data ? len : 0, 0, 0, why, why_len};
    if (r.n == 0) {
        return fail(&r, "Quell state is empty");
    }
    StateCtx st = {0, 0, 0, {0}};
    if (peek(&r) != '{') {
        return fail(&r, "not a Quell state (not a JSON object)");
    }
    if (read_object(&r, root_member, &st)) {
        return -1;
    }
    if (peek(&r) != -1) {
        return fail(&r, "Quell state is not valid JSON (text after the end of the object)");
    }
    if (!st.has_format) {
        return fail(&r, "not a Quell state (missing \"format\":\"quell-state\")");
    }
    if (!st.has_version) {
        return fail(&r, "Quell state has no version");
    }
    if (!st.has_params) {
        return fail(&r, "Quell state has no \"parameters\" object");
    }
    memcpy(values, st.values, sizeof st.values);
    return 0;
}
