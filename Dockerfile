# hotline in a container: a static binary on a distroless base, as a
# non-root user. Build: docker build -t hotline .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off: a static binary needs no C library in the image.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hotline ./cmd/hotline

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/hotline /hotline
USER nonroot:nonroot
# Listen on every interface inside the container; publish the port you want.
ENV HOTLINE_ADDR=0.0.0.0:8080 HOTLINE_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/hotline"]
CMD ["serve"]
