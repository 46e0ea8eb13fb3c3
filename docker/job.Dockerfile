# The job for application mode: the official Flink image with learnpulse-job.jar where the
# FlinkDeployment (deploy/kubernetes) and docker-compose.yml's `standalone-job` look for it, and the
# S3 file system plugin for checkpoints, savepoints and HA metadata (context: the repository root).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -Dmaven.test.skip=true -pl job -am package

FROM flink:2.2.1-scala_2.12-java17
RUN mkdir -p /opt/flink/plugins/s3-fs-presto \
 && cp /opt/flink/opt/flink-s3-fs-presto-*.jar /opt/flink/plugins/s3-fs-presto/
COPY --from=build /src/job/target/learnpulse-job.jar /opt/flink/usrlib/learnpulse-job.jar
