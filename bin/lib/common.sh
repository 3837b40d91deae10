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
# any source or the pom (template.yaml is read at run time, so it needs no rebuild).
# Leaves target/classes, target/test-classes, target/local-classpath.txt.
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

# ---- local DynamoDB (dynalite) for bin/local-api and bin/invoke ----------------------------------------------------
# Files under .local-data/ (git-ignored), the same as LocalEnvironment.java: dynalite's LevelDB folder, and the URL of
# the dynalite a running bin/local-api serves (written while it runs, deleted when it stops).
LOCAL_DATA_DIR="$PROJECT_DIR/.local-data/dynalite"
LOCAL_ENDPOINT_FILE="$PROJECT_DIR/.local-data/dynamodb-endpoint"

# local_env_defaults: exports what the functions read, with the local defaults where unset (LocalEnvironment.java):
# TABLE_NAME=crm-collections-local, AWS_REGION=us-east-1, dummy credentials local/local.
local_env_defaults() {
  export TABLE_NAME="${TABLE_NAME:-crm-collections-local}"
  export AWS_REGION="${AWS_REGION:-us-east-1}"
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}"
  export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
}

# local_java MAIN_CLASS ARGS...: runs a class of the local tooling (C1 only, as the template sets for Lambda).
local_java() {
  java -XX:TieredStopAtLevel=1 -Dproject.basedir="$PROJECT_DIR" -cp "$(local_classpath)" "$@"
}

# dynamodb_endpoint_alive URL: true when an HTTP server answers at URL within 1 s.
dynamodb_endpoint_alive() {
  node -e 'const r = require("http").get(process.argv[1], { timeout: 1000 }, (s) => { s.resume(); process.exit(0) });
    r.on("error", () => process.exit(1)); r.on("timeout", () => { r.destroy(); process.exit(1) })' "$1" 2>/dev/null
}

# running_local_endpoint: prints the URL in the endpoint file when a server answers there; false otherwise.
running_local_endpoint() {
  local url
  [ -f "$LOCAL_ENDPOINT_FILE" ] || return 1
  url="$(head -n 1 "$LOCAL_ENDPOINT_FILE")"
  [ -n "$url" ] && dynamodb_endpoint_alive "$url" && echo "$url"
}

# start_dynalite DATA_DIR: starts dynalite in the background on 127.0.0.1, port ${DYNALITE_PORT:-0} (0: a free one),
# LevelDB in DATA_DIR; waits (15 s at most) for its DYNALITE_PORT line and sets DYNALITE_PID and DYNALITE_ENDPOINT.
# Its stdin is a FIFO whose only writer is this shell (fd 9), so it exits even when this shell is killed with
# SIGKILL; run other children with `9>&-`. Call stop_dynalite (from a trap) to stop it. Its stderr is ours.
start_dynalite() {
  local data_dir="$1" run_dir line="" i
  mkdir -p "$data_dir"
  run_dir="$(mktemp -d "${TMPDIR:-/tmp}/dynalite.XXXXXX")"
  mkfifo "$run_dir/stdin"
  : >"$run_dir/stdout"
  node "$PROJECT_DIR/src/local/node/dynalite-server.js" --port "${DYNALITE_PORT:-0}" --path "$data_dir" \
    --watch-stdin <"$run_dir/stdin" >"$run_dir/stdout" 9>&- &
  DYNALITE_PID=$!
  exec 9>"$run_dir/stdin"
  for ((i = 0; i < 300; i++)); do
    if IFS= read -r line <"$run_dir/stdout" && [[ "$line" =~ ^DYNALITE_PORT=[0-9]+$ ]]; then
      break
    fi
    line=""
    kill -0 "$DYNALITE_PID" 2>/dev/null || break
    sleep 0.05
  done
  rm -rf "$run_dir"
  if [ -z "$line" ]; then
    stop_dynalite
    echo "error: dynalite did not start (its message, if any, is above)" >&2
    return 1
  fi
  DYNALITE_ENDPOINT="http://127.0.0.1:${line#DYNALITE_PORT=}"
}

# stop_dynalite: stops the dynalite start_dynalite started (SIGTERM, then waits for it); no-op when there is none.
stop_dynalite() {
  if [ -n "${DYNALITE_PID:-}" ]; then
    kill -TERM "$DYNALITE_PID" 2>/dev/null || true
    wait "$DYNALITE_PID" 2>/dev/null || true
    DYNALITE_PID=""
  fi
  exec 9>&- # nothing else holds the FIFO now
}

# ---- headless Chromium for bin/docs-screenshot and DocsPageRendersIT ------------------------------------------------

# chromium_binary: prints the path of a Chromium/Chrome binary ($CHROMIUM first), or returns 1.
chromium_binary() {
  local candidate
  for candidate in "${CHROMIUM:-}" chromium chromium-browser google-chrome-stable google-chrome; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# ensure_chromium: prints the path of Chromium. When there is none, installs Debian's `chromium` (and the DejaVu
# fonts) with apt-get, but only as root and within CHROMIUM_INSTALL_TIMEOUT seconds (default 600); refreshes the
# package lists once if the first attempt fails. Otherwise says why on stderr and returns 1.
ensure_chromium() {
  local found limit="${CHROMIUM_INSTALL_TIMEOUT:-600}"
  if found="$(chromium_binary)"; then
    echo "$found"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is not installed, and there is no apt-get to install it: install Chromium, or set CHROMIUM to its binary." >&2
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium is not installed, and installing it needs root: run 'sudo apt-get install chromium' (or set CHROMIUM)." >&2
    return 1
  fi
  echo "Installing Chromium (apt-get install chromium, at most ${limit} s)..." >&2
  local install=(timeout "$limit" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends
    -o DPkg::Lock::Timeout=120 chromium fonts-dejavu-core)
  if ! "${install[@]}" >&2; then
    echo "apt-get install failed; refreshing the package lists (apt-get update) and trying once more" >&2
    if ! timeout 300 apt-get update -q >&2 || ! "${install[@]}" >&2; then
      echo "Could not install Chromium with apt-get (no network or no package?)." >&2
      return 1
    fi
  fi
  if found="$(chromium_binary)"; then
    echo "$found"
    return 0
  fi
  echo "apt-get installed chromium, but no chromium binary is on PATH." >&2
  return 1
}

# headless_chromium CHROMIUM ARGS...: runs that Chromium headless with ARGS (e.g. --screenshot=F URL, --dump-dom URL)
# in a fresh profile, with nothing that phones home (this machine's network is closed), at most 60 s.
headless_chromium() {
  local binary="$1" profile status=0
  shift
  profile="$(mktemp -d "${TMPDIR:-/tmp}/chromium-profile.XXXXXX")"
  timeout 60 "$binary" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --no-default-browser-check \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --hide-scrollbars --user-data-dir="$profile" "$@" || status=$?
  rm -rf "$profile"
  return "$status"
}
