# The synthetic-learner generator, built from this repository (context: the repository root).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -Dmaven.test.skip=true -pl demo -am package \
 && mvn -q -B -pl demo dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp -r demo/target/classes /app/classes

FROM eclipse-temurin:17-jre
COPY --from=build /app /app
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "io.learnpulse.demo.PublishMain"]
