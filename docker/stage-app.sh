#!/bin/sh
# Lays out the learnpulse command as the image holds it: DEST/classes (the cli module's classes) and
# DEST/lib (every jar of its runtime classpath, as the build wrote it to cli/target/classpath.txt).
# Run from the repository root after `mvn -pl cli -am package`: by docker/learnpulse.Dockerfile, and
# by deploy/check's ImagesTest, which then starts the gateway through docker/entrypoint.sh from it.
set -eu
dest="${1:?usage: docker/stage-app.sh DEST}"
mkdir -p "$dest/lib"
rm -rf "$dest/classes"
cp -r cli/target/classes "$dest/classes"
tr ':' '\n' < cli/target/classpath.txt | while IFS= read -r jar; do
    [ -n "$jar" ] && cp "$jar" "$dest/lib/"
done
