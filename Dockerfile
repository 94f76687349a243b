# tagwatch container image, built from the repository root:
#
#   docker build -t tagwatch:local \
#     --build-arg VERSION="$(./mvnw -q help:evaluate -Dexpression=project.version -DforceStdout)" \
#     --build-arg REVISION="$(git rev-parse HEAD)" --build-arg SOURCE=https://github.com/<you>/tagwatch .
#
# compose/docker-compose.yml builds the same file (context `..`). Both base images are pinned to an exact
# Temurin release (17.0.17+10) on Ubuntu 24.04 (noble). Works with BuildKit and with the classic builder
# (no RUN --mount, no syntax directive needed).

ARG JDK_IMAGE=eclipse-temurin:17.0.17_10-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.17_10-jre-noble

# ---------------------------------------------------------------------------------------------------
# Build stage: the Maven Wrapper fetches Maven, Maven fetches the dependencies, then the fat jar, split
# into its layers.
# ---------------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src

# Only what the build needs is copied (.dockerignore keeps target/, data/, .git and compose/.env out of
# the build context as well). The wrapper and the POM come first so that the dependency layer below is
# reused as long as pom.xml does not change.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# chmod: a checkout on Windows or a zip download may have lost the executable bit; sed: CRLF endings.
# go-offline only warms the cache layer (Maven itself plus most dependencies); whatever it misses,
# `package` below fetches, so a partial go-offline must not fail the build.
RUN sed -i 's/\r$//' mvnw && chmod +x mvnw \
 && (./mvnw -B -ntp -q dependency:go-offline \
     || echo "dependency:go-offline incomplete; the package step fetches the rest")

COPY src/ src/
RUN ./mvnw -B -ntp package -DskipTests \
 && java -Djarmode=tools -jar target/tagwatch.jar extract --layers --destination /layers

# ---------------------------------------------------------------------------------------------------
# Runtime stage: JRE only, the extracted jar in layers, a class data sharing archive, non-root user.
# ---------------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}

# curl for the HEALTHCHECK (installed explicitly rather than relying on what the base image ships).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# A dedicated system user. UID/GID 10001 avoids the `ubuntu` user (1000) that noble images carry.
RUN groupadd --system --gid 10001 tagwatch \
 && useradd --system --uid 10001 --gid tagwatch --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin tagwatch

WORKDIR /app
# One image layer per jar layer, least often changed first: a code change leaves the ~200 dependency
# jars' layer as it was, and only the application jar (and the archive trained on it, below) are new.
# The loader layer is empty: an extracted jar starts without Spring Boot's launcher.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# ./data holds the SQLite file (tagwatch.sqlite-file=./data/tagwatch.db, relative to WORKDIR);
# ./routes is the watched directory for extra tag route files (compose bind-mounts compose/routes/).
# A named volume mounted on /app/data starts out with this directory's owner (tagwatch).
RUN mkdir -p /app/data /app/routes \
 && chown tagwatch:tagwatch /app/data /app/routes
VOLUME ["/app/data"]

# The heap is 60% of the container's memory limit: the rest is for what lives outside it (metaspace, code
# cache, thread stacks, buffers; about 170 MB here, going by docs/performance.md's resident sizes), so
# that the JVM reports a full heap before the kernel kills the container at its limit. A hard exit on
# OOM lets the orchestrator restart the container instead of leaving a half-dead JVM.
# Note: the JVM prints one "Picked up JAVA_TOOL_OPTIONS" line on stderr at start; it is the only
# non-JSON line the service writes.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"

# A class data sharing archive made by a training start, and the C1 compiler only: on a two-core host it
# starts in about 3 s instead of 10 and served more requests per second than C1 and C2 together
# (docs/performance.md). The archive is made with this JVM, these options and these jars, as it must be.
ENV TAGWATCH_JVM_FLAGS="-XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"
RUN java $TAGWATCH_JVM_FLAGS -XX:ArchiveClassesAtExit=/app/tagwatch.jsa -Dspring.context.exit=onRefresh \
      -jar /app/tagwatch.jar --tagwatch.sqlite-file=/tmp/training/tagwatch.db --tagwatch.sources= \
 && rm -rf /tmp/training

EXPOSE 8000
USER tagwatch

# Readiness is down until the schema is migrated and the database answers. It is served on the
# management port when one is set (MANAGEMENT_SERVER_PORT), else on the server's.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8000}}/health/readiness" || exit 1

# OCI labels last: a new revision then rebuilds nothing but this metadata. VERSION's default is the
# POM's version (compose/check.sh keeps them equal); SOURCE is the repository the operator builds from.
ARG SOURCE=""
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="tagwatch" \
      org.opencontainers.image.description="Collects the latest public posts for a set of hashtags and serves summaries over REST" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

ENTRYPOINT ["sh", "-c", "exec java $TAGWATCH_JVM_FLAGS -XX:SharedArchiveFile=/app/tagwatch.jsa -jar /app/tagwatch.jar \"$@\"", "tagwatch"]
