#!/bin/sh
# Entry point of the learnpulse image: `learnpulse VERB [OPTIONS]` (docs/cli.md) from the layout
# docker/stage-app.sh made in LEARNPULSE_HOME (/app in the image). The container's arguments are the
# verb and its options: `gateway --bootstrap-servers kafka:9092 ...`, `publish ...`.
set -eu
home="${LEARNPULSE_HOME:-/app}"
exec java ${JAVA_OPTS:-} -cp "$home/classes:$home/lib/*" io.learnpulse.Learnpulse "$@"
