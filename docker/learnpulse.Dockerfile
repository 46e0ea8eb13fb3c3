# The learnpulse command: the gateway (`gateway ...`), the generator (`publish ...`) and every other
# verb, built from this repository (context: the repository root). deploy/check's ImagesTest runs
# the same stage-app.sh and entrypoint.sh on the build's output.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -Dmaven.test.skip=true -pl cli -am package && sh docker/stage-app.sh /app

FROM eclipse-temurin:17-jre
COPY --from=build /app /app
COPY docker/entrypoint.sh /app/entrypoint.sh
EXPOSE 7070
VOLUME /data
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["--help"]
