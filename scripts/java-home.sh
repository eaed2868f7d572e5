# shellcheck shell=bash
# Sourced by ./trawl and .ci/run. Exports JAVA_HOME pointing at a JDK >= 21
# (Lucene 10 needs it), or prints what to install and returns 1.
# Order: $JAVA_HOME if new enough, then `java` on PATH, then the usual install folders.

trawl_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

trawl_find_java_home() {
  local min=21 candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  # Newest first: temurin-25, then anything else in the usual folders.
  for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      2>/dev/null | sort -rV); do
    candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(trawl_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  cat >&2 <<MSG
trawl: no JDK $min or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java).
Install one, for example:
  Debian/Ubuntu:  apt-get install openjdk-21-jdk-headless   (or temurin-21-jdk / temurin-25-jdk)
  macOS:          brew install openjdk@21
then run this command again, or set JAVA_HOME to its folder.
MSG
  return 1
}

if TRAWL_JAVA_HOME=$(trawl_find_java_home); then
  export JAVA_HOME="$TRAWL_JAVA_HOME"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  return 1 2>/dev/null || exit 1
fi
