# syntax=docker/dockerfile:1
#
# One image recipe for every Spring Boot application of the reactor, chosen with the build argument SERVICE:
#   docker build --build-arg SERVICE=order-service --build-arg PORT=8081 -t billstream/order-service .
# SERVICE is one of order-service, billing-service, portal-service, notification-service, document-service, gateway.
# PORT only documents the port the application listens on (EXPOSE); docker-compose.yml passes both.

# ---- build: compile the service and the modules it needs with the committed Maven wrapper ----
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# Everything the reactor needs (filtered by .dockerignore). Copied before SERVICE is declared, so the six
# builds share this layer.
COPY . .

ARG SERVICE
RUN test -n "${SERVICE}" \
    || { echo "Set the build argument SERVICE (order-service, billing-service, portal-service, notification-service, document-service or gateway)" >&2; exit 1; }

# The local repository (and the Maven distribution the wrapper downloads into ~/.m2/wrapper) lives in a cache mount
# that outlives the build. sharing=locked: Compose builds the six images at once, and Maven's local repository is not
# safe for concurrent writers.
RUN --mount=type=cache,id=billstream-m2,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -DskipTests -pl "${SERVICE}" -am package

# Split the repackaged jar into Spring Boot's layers (dependencies, spring-boot-loader, snapshot-dependencies,
# application), so an image rebuilt after a code change reuses the unchanged dependency layers.
RUN cp "${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar" /workspace/app.jar \
    && java -Djarmode=tools -jar /workspace/app.jar extract --layers --launcher --destination /workspace/extracted

# ---- runtime: the JRE, the layers, a user without privileges ----
FROM eclipse-temurin:25-jre
ARG SERVICE
ARG PORT=8080

RUN groupadd --system --gid 10001 billstream \
    && useradd --system --uid 10001 --gid billstream --no-create-home --shell /usr/sbin/nologin billstream

WORKDIR /app
# Least to most often changed, one image layer each.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

USER 10001:10001
LABEL org.opencontainers.image.title="billstream-${SERVICE}"
EXPOSE ${PORT}

# JVM options go in JAVA_TOOL_OPTIONS (read by the JVM itself), e.g. -XX:MaxRAMPercentage=75.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
