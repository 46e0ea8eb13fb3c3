# The synthetic-learner generator, built from this repository (context: the repository root).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the learnpulse command (cli/) and every jar it runs on: its modules and their dependencies
RUN mvn -q -B -Dmaven.test.skip=true -pl cli -am package \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp -r cli/target/classes /app/classes

FROM eclipse-temurin:17-jre
COPY --from=build /app /app
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "io.learnpulse.Learnpulse", "publish"]
