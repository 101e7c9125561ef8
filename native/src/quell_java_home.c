/* Finding a Java runtime: see quell_java_home.h. */
#include "quell_java_home.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int quell_java_version(const char *home) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/release", home);
    FILE *f = fopen(path, "r");
    if (!f) {
        return 0;
    }
    char line[512];
    int version = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "JAVA_VERSION=", 13)) {
            const char *v = line + 13 + (line[13] == '"');
            int major = atoi(v);
            if (major == 1) { /* 1.8.0 style */
                const char *dot = strchr(v, '.');
                major = dot ? atoi(dot + 1) : 1;
            }
            version = major;
            break;
        }
    }
    fclose(f);
    return version;
}

/* Appends to why: "; LABEL: reason" */
static void note(char *why, size_t why_len, const char *label, const char *reason) {
    size_t used = strlen(why);
    if (used + 1 < why_len) {
        snprintf(why + used, why_len - used, "%s%s: %s", used ? "; " : "", label, reason);
    }
}

/* Whether home is a usable runtime; fills libjvm when it is. */
static int usable(const char *home, const char *label, char *libjvm, size_t len, char *why, size_t why_len) {
    if (!home || !*home) {
        note(why, why_len, label, "not set");
        return 0;
    }
    snprintf(libjvm, len, "%s/lib/server/libjvm.so", home);
    if (!is_file(libjvm)) {
        char r[PATH_MAX + 32];
        snprintf(r, sizeof r, "%s has no lib/server/libjvm.so", home);
        note(why, why_len, label, r);
        return 0;
    }
    int v = quell_java_version(home);
    if (v && v < QUELL_MIN_JAVA) {
        char r[PATH_MAX + 64];
        snprintf(r, sizeof r, "%s is Java %d (needs %d or newer)", home, v, QUELL_MIN_JAVA);
        note(why, why_len, label, r);
        return 0;
    }
    return 1;
}

/* The home of the first `java` on PATH (symbolic links resolved), or 0. */
static int home_on_path(char *home, size_t len) {
    const char *path = getenv("PATH");
    if (!path) {
        return 0;
    }
    char *copy = strdup(path);
    if (!copy) {
        return 0;
    }
    int found = 0;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char candidate[PATH_MAX];
        char real[PATH_MAX];
        snprintf(candidate, sizeof candidate, "%s/java", *dir ? dir : ".");
        if (access(candidate, X_OK) != 0 || !realpath(candidate, real)) {
            continue;
        }
        char *slash = strrchr(real, '/'); /* .../bin/java -> .../bin */
        if (slash) *slash = 0;
        slash = strrchr(real, '/');       /* .../bin -> ... */
        if (slash && !strcmp(slash, "/bin")) {
            *slash = 0;
            snprintf(home, len, "%s", real);
            found = 1;
        }
    }
    free(copy);
    return found;
}

/* The newest home under root of version >= QUELL_MIN_JAVA with a libjvm, or 0. */
static int newest_under(const char *root, char *home, size_t len) {
    DIR *d = opendir(root);
    if (!d) {
        return 0;
    }
    int best = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char h[PATH_MAX];
        char lib[PATH_MAX + 32];
        snprintf(h, sizeof h, "%s/%s", root, e->d_name);
        snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so", h);
        int v = quell_java_version(h);
        /* ties: the lexically last name (e.g. a real folder over its short alias) for a stable choice */
        if (v >= QUELL_MIN_JAVA && is_file(lib) && (v > best || (v == best && strcmp(h, home) > 0))) {
            best = v;
            snprintf(home, len, "%s", h);
        }
    }
    closedir(d);
    return best > 0;
}

int quell_find_java(const char *resource_dir, const char *jvm_root, char *libjvm, size_t len, char *why, size_t why_len) {
    if (why_len) {
        why[0] = 0;
    }
    const char *root = jvm_root ? jvm_root : "/usr/lib/jvm";
    char bundled[PATH_MAX];
    snprintf(bundled, sizeof bundled, "%s/jre", resource_dir ? resource_dir : ".");
    if (usable(getenv("QUELL_JAVA_HOME"), "$QUELL_JAVA_HOME", libjvm, len, why, why_len)
        || usable(bundled, "bundled runtime", libjvm, len, why, why_len)
        || usable(getenv("JAVA_HOME"), "$JAVA_HOME", libjvm, len, why, why_len)) {
        return 1;
    }
    char home[PATH_MAX] = "";
    if (home_on_path(home, sizeof home)) {
        if (usable(home, "java on $PATH", libjvm, len, why, why_len)) {
            return 1;
        }
    } else {
        note(why, why_len, "java on $PATH", "none");
    }
    char def[PATH_MAX];
    snprintf(def, sizeof def, "%s/default-java", root);
    if (usable(def, def, libjvm, len, why, why_len)) {
        return 1;
    }
    home[0] = 0;
    if (newest_under(root, home, sizeof home) && usable(home, root, libjvm, len, why, why_len)) {
        return 1;
    }
    char r[64];
    snprintf(r, sizeof r, "no Java %d or newer", QUELL_MIN_JAVA);
    note(why, why_len, root, r);
    return 0;
}
