/* Tests the Java discovery of the plugin shims (src/quell_java_home.c) on fake Java homes in a
 * temporary folder: PATH with a symbolic link, the newest runtime of a /usr/lib/jvm-like folder,
 * too-old homes skipped with the reason, the bundled runtime first, and a real runtime on this
 * machine found from PATH alone. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quell_java_home.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static char tmp[PATH_MAX];

static void write_file(const char *path, const char *text, int exec) {
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
    chmod(path, exec ? 0755 : 0644);
}

/* root/name with a release file naming version (NULL: none), and libjvm.so unless nolib */
static void fake_home(const char *root, const char *name, const char *version, int lib) {
    char p[PATH_MAX * 2];
    snprintf(p, sizeof p, "%s/%s", root, name); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/bin", root, name); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/bin/java", root, name); write_file(p, "#!/bin/sh\n", 1);
    snprintf(p, sizeof p, "%s/%s/lib", root, name); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/lib/server", root, name); mkdir(p, 0755);
    if (lib) { snprintf(p, sizeof p, "%s/%s/lib/server/libjvm.so", root, name); write_file(p, "", 0); }
    if (version) {
        char text[128];
        snprintf(text, sizeof text, "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"%s\"\n", version);
        snprintf(p, sizeof p, "%s/%s/release", root, name); write_file(p, text, 0);
    }
}

static int ends_with(const char *s, const char *tail) {
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

int main(void) {
    snprintf(tmp, sizeof tmp, "/tmp/quell-java-home-XXXXXX");
    if (!mkdtemp(tmp)) { perror("mkdtemp"); return 1; }
    char root[PATH_MAX + 8], bin[PATH_MAX + 8], res[PATH_MAX + 8], link[PATH_MAX * 2], target[PATH_MAX * 2];
    snprintf(root, sizeof root, "%s/jvm", tmp); mkdir(root, 0755);
    snprintf(bin, sizeof bin, "%s/bin", tmp); mkdir(bin, 0755);
    snprintf(res, sizeof res, "%s/res", tmp); mkdir(res, 0755);
    fake_home(root, "java-11-openjdk-amd64", "11.0.21", 1);
    fake_home(root, "java-17-openjdk-amd64", "17.0.9", 1);
    fake_home(root, "java-21-openjdk-amd64", "21.0.1", 1);
    fake_home(root, "java-22-nolib", "22", 0);
    fake_home(root, "java-8", "1.8.0_392", 1);
    snprintf(link, sizeof link, "%s/java", bin);
    snprintf(target, sizeof target, "%s/java-17-openjdk-amd64/bin/java", root);
    CHECK(symlink(target, link) == 0, "symlink");
    char lib[PATH_MAX], why[2048];
    char java8[PATH_MAX * 2];
    snprintf(java8, sizeof java8, "%s/java-8", root);
    CHECK(quell_java_version(java8) == 8, "1.8.0 is Java 8, got %d", quell_java_version(java8));

    unsetenv("QUELL_JAVA_HOME");
    unsetenv("JAVA_HOME");
    /* 1. no JAVA_HOME, no default-java: `java` on PATH (a symbolic link into the home) */
    setenv("PATH", bin, 1);
    CHECK(quell_find_java(res, root, lib, sizeof lib, why, sizeof why)
          && ends_with(lib, "java-17-openjdk-amd64/lib/server/libjvm.so"), "PATH: chose %s (%s)", lib, why);
    /* 2. nothing on PATH: the newest runtime of 17 or newer that has a libjvm */
    setenv("PATH", "/nonexistent", 1);
    CHECK(quell_find_java(res, root, lib, sizeof lib, why, sizeof why)
          && ends_with(lib, "java-21-openjdk-amd64/lib/server/libjvm.so"), "scan: chose %s (%s)", lib, why);
    /* 3. JAVA_HOME pointing at Java 11 is skipped, with the reason, and the scan goes on */
    char j11[PATH_MAX * 2];
    snprintf(j11, sizeof j11, "%s/java-11-openjdk-amd64", root);
    setenv("JAVA_HOME", j11, 1);
    CHECK(quell_find_java(res, root, lib, sizeof lib, why, sizeof why)
          && ends_with(lib, "java-21-openjdk-amd64/lib/server/libjvm.so") && strstr(why, "is Java 11 (needs 17 or newer)"),
          "old JAVA_HOME: chose %s (%s)", lib, why);
    /* 4. a bundled runtime comes before everything but QUELL_JAVA_HOME */
    fake_home(res, "jre", "17.0.9", 1);
    setenv("PATH", bin, 1);
    CHECK(quell_find_java(res, root, lib, sizeof lib, why, sizeof why) && ends_with(lib, "res/jre/lib/server/libjvm.so"),
          "bundled: chose %s", lib);
    char j21[PATH_MAX * 2];
    snprintf(j21, sizeof j21, "%s/java-21-openjdk-amd64", root);
    setenv("QUELL_JAVA_HOME", j21, 1);
    CHECK(quell_find_java(res, root, lib, sizeof lib, why, sizeof why) && ends_with(lib, "java-21-openjdk-amd64/lib/server/libjvm.so"),
          "QUELL_JAVA_HOME: chose %s", lib);
    /* 5. nothing usable: every place is accounted for */
    unsetenv("QUELL_JAVA_HOME");
    setenv("PATH", "/nonexistent", 1);
    char empty[PATH_MAX + 8];
    snprintf(empty, sizeof empty, "%s/empty", tmp); mkdir(empty, 0755);
    CHECK(!quell_find_java(empty, empty, lib, sizeof lib, why, sizeof why), "found %s in an empty tree", lib);
    CHECK(strstr(why, "$QUELL_JAVA_HOME: not set") && strstr(why, "bundled runtime") && strstr(why, "$JAVA_HOME")
          && strstr(why, "java on $PATH: none") && strstr(why, "no Java 17 or newer"), "reason: %s", why);
    printf("reason when nothing is found: %s\n", why);
    /* 6. this machine: the test's own java, from PATH alone (the README's setup has no JAVA_HOME) */
    const char *real_home = getenv("QUELL_TEST_JAVA_HOME");
    if (real_home) {
        char real_path[PATH_MAX + 8];
        snprintf(real_path, sizeof real_path, "%s/bin", real_home);
        unsetenv("JAVA_HOME");
        setenv("PATH", real_path, 1);
        CHECK(quell_find_java(empty, empty, lib, sizeof lib, why, sizeof why), "the real runtime in %s not found: %s", real_path, why);
        printf("this machine, PATH=%s: %s\n", real_path, lib);
    }
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) { fprintf(stderr, "could not remove %s\n", tmp); }
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
