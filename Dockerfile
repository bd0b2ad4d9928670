# newshound: a static binary on a minimal, non-root image.
#   docker build -t newshound .
#   docker run -d --name newshound \
#     -v /etc/newshound:/config:ro -v newshound-data:/data \
#     -e DISCORD_TOKEN -p 127.0.0.1:9090:9090 newshound
# The configuration is /config/newshound.yaml; point storage.path at
# /data/newshound.db and server.listen at ":9090" in it.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
COPY internal/thirdparty internal/thirdparty
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/newshound ./cmd/newshound

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newshound /usr/local/bin/newshound
VOLUME ["/data"]
WORKDIR /data
USER nonroot:nonroot
EXPOSE 9090
ENTRYPOINT ["/usr/local/bin/newshound"]
CMD ["run", "--config", "/config/newshound.yaml", "--log-format", "json"]
