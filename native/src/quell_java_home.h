/* Finding a Java runtime (17 or newer) for the plugin shims, in this order:
 *   1. $QUELL_JAVA_HOME            (explicit choice)
 *   2. RESOURCES/jre               (the runtime bundled by the Debian package)
 *   3. $JAVA_HOME
 *   4. `java` on $PATH, symbolic links resolved (/usr/bin/java -> /usr/lib/jvm/X/bin/java)
 *   5. /usr/lib/jvm/default-java
 *   6. the newest /usr/lib/jvm/<dir> of version 17 or newer (by its `release` file)
 * A home counts when it has lib/server/libjvm.so and its `release` file (when there is one) names
 * JAVA_VERSION 17 or newer. openjdk-17-jdk-headless alone creates neither JAVA_HOME nor
 * default-java, so a DAW started from a desktop menu needs 4 or 6. */
#ifndef QUELL_JAVA_HOME_H
#define QUELL_JAVA_HOME_H

#include <stddef.h>

/* Oldest Java feature release the engine runs on. */
#define QUELL_MIN_JAVA 17

/* Fills libjvm with the libjvm.so of the first suitable home and returns 1, or returns 0 and
 * puts a one-line account of every place looked at (and why each failed) into why.
 * jvm_root is the folder scanned in step 6 (NULL: /usr/lib/jvm; tests pass another). */
int quell_find_java(const char *resource_dir, const char *jvm_root, char *libjvm, size_t len, char *why, size_t why_len);

/* The feature release named by HOME/release (JAVA_VERSION="17.0.9" -> 17, "1.8.0_1" -> 8), 0 if unknown. */
int quell_java_version(const char *home);

#endif
