# Shared by the bin/ commands and .ci/run. Source it; it defines functions only.
# shellcheck shell=bash

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# select_jdk: export JAVA_HOME pointing at a JDK 21+ and put it first on PATH.
# Honours JAVA_HOME when it already points at 21+; otherwise picks the newest JDK 21+ under /usr/lib/jvm.
select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    :
  else
    local candidate best="" best_major=0 major
    for candidate in /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
      [ -x "${candidate}bin/javac" ] || continue
      major=$(java_major "${candidate}bin/java")
      if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="${candidate%/}"; best_major=$major; fi
    done
    if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
      candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
      [ "$(java_major "$candidate/bin/java")" -ge 21 ] && best="$candidate"
    fi
    if [ -z "$best" ]; then
      echo "error: no JDK 21 or newer found. Install one (e.g. Temurin 21/25) or set JAVA_HOME to it." >&2
      return 1
    fi
    export JAVA_HOME="$best"
  fi
  export PATH="$JAVA_HOME/bin:$PATH"
}

# java_major JAVA_BINARY: prints the major version (17, 21, 25...), or 0.
java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in
    1.*) echo "${v#1.}" | cut -d. -f1 ;;
    "") echo 0 ;;
    *) echo "$v" | cut -d. -f1 ;;
  esac
}

# ensure_node_deps: installs the pinned dynalite (package-lock.json) when node_modules lacks it.
ensure_node_deps() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js 20+ and npm are required (they run dynalite, the local DynamoDB-compatible server)." >&2
    return 1
  fi
  if [ ! -f "$PROJECT_DIR/node_modules/dynalite/package.json" ] \
     || [ "$PROJECT_DIR/package-lock.json" -nt "$PROJECT_DIR/node_modules/.package-lock.json" ]; then
    echo "Installing dynalite from package-lock.json (npm ci)..." >&2
    (cd "$PROJECT_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# ensure_build: compiles functions and local tooling (mvn, tests skipped) when the build is missing or older than
# any source, the pom or the template. Leaves target/classes, target/test-classes, target/local-classpath.txt.
ensure_build() {
  local stamp="$PROJECT_DIR/target/.local-build-stamp"
  if [ -f "$stamp" ] && [ -f "$PROJECT_DIR/target/local-classpath.txt" ] \
     && [ -z "$(find "$PROJECT_DIR/src" "$PROJECT_DIR/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "Building (mvn -DskipTests process-test-classes)..." >&2
  (cd "$PROJECT_DIR" && mvn -B -q -DskipTests process-test-classes >&2) || {
    echo "error: the build failed; run 'mvn -DskipTests process-test-classes' to see why." >&2
    return 1
  }
  touch "$stamp"
}

# local_classpath: the classpath of the functions + local tooling + all dependencies.
local_classpath() {
  echo "$PROJECT_DIR/target/classes:$PROJECT_DIR/target/test-classes:$(cat "$PROJECT_DIR/target/local-classpath.txt")"
}
