# Sourced by both launchers (a checkout's bin/littlehub and a release's bin/littlehub): starts the CLI's JVM from a
# class-data archive of its jar (AppCDS: the classes a command loaded, mapped instead of loaded again).
#   launch_with_cds JAVA JAR ARCHIVE ARGS...
# Without an archive, the run writes one at its exit (beside it, renamed into place), kept only when the CLI says the
# run reached a hub (it creates the mark file named by -Dlittlehub.cds.reached-hub after an SSH login): a `--version`
# or `--help` run would archive the classes of printing a line, and every hub command would load SSH, the key exchange
# and the JSON events from the jar again. A jar newer than the archive (an update) makes a new one; a folder the user
# cannot write (an install for all users) runs without one. -Xlog:cds*=off: the JVM's notes about the archive would go
# to stdout, among a command's --json lines. -XX:TieredStopAtLevel=1: only the quick compiler, as the agent runs; a
# command lives a second or two and the optimising compiler's threads cost about half its CPU (backups' ChaCha20 ran at
# 146 MB/s with it, 158 MB/s without: not what bounds a backup).
launch_with_cds() {
  java=$1 jar=$2 jsa=$3
  shift 3
  if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
    exec "$java" -XX:SharedArchiveFile="$jsa" -Xlog:cds*=off -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
  fi
  if [ ! -w "$(dirname "$jsa")" ]; then
    exec "$java" -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
  fi
  rc=0
  "$java" -XX:ArchiveClassesAtExit="$jsa.$$" -Dlittlehub.cds.reached-hub="$jsa.$$.hub" -Xlog:cds*=off \
    -XX:TieredStopAtLevel=1 -jar "$jar" "$@" || rc=$?
  if [ -s "$jsa.$$" ] && [ -e "$jsa.$$.hub" ]; then mv -f "$jsa.$$" "$jsa"; else rm -f "$jsa.$$"; fi
  rm -f "$jsa.$$.hub"
  exit $rc
}
