#!/bin/sh
# Runs the Litestream Console CLI as its installers will: with the class-data archive the build records
# (app/target/litestream-console.jsa) and the quick-start JIT, which suit a short command-line run.
# Without the archive (or with another JVM) Java silently starts without it.
here=$(cd "$(dirname "$0")" && pwd)
jar=${LSC_JAR:-$here/../app/target/litestream-console.jar}
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="${jar%.jar}.jsa" \
  -jar "$jar" "$@"
