# syntax=docker/dockerfile:1
# krakensim's container image: a static binary on distroless, run as a non-root user,
# listening on 0.0.0.0:8080 inside the container only (publish it as you choose).
#   docker build -t krakensim .
#   docker run --rm -p 127.0.0.1:8080:8080 krakensim
# Dockerfile.goreleaser builds the same final stage from a release binary.
ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces a module with this directory (see scripts/vendor-jsonschema.sh).
COPY third_party ./third_party
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.date=${DATE}" \
      -o /out/krakensim ./cmd/krakensim

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/krakensim /krakensim
USER nonroot:nonroot
ENV KRAKENSIM_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["/krakensim", "health"]
ENTRYPOINT ["/krakensim"]
CMD ["serve"]
