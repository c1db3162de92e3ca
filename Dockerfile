# syntax=docker/dockerfile:1
# Build: docker build -t chatopsbot .
# Run:   docker run --rm -e OPENAI_API_KEY chatopsbot diagnose all     (one diagnosis)
#        docker run -d -e Discord__Token=... chatopsbot                (the worker, the default)
#
# The image holds the native binary (README "Native binary") on a chiseled runtime-deps base: no .NET runtime, no
# shell, no package manager, a non-root user. Expected size: README "Docker".

# The SDK with the native toolchain (clang, the linker, zlib headers) that native AOT needs, on the same Ubuntu
# (noble) as the final image, so the binary links against the glibc it will run with.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
# The /status chart's font: the native Skia library reads fonts from /usr/share/fonts, and nothing can be installed in
# the chiseled image, so the font is installed here and copied over below.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore in its own layer: only the solution, build props and project files.
COPY ChatOpsBot.sln Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Directory.Build.props src/
COPY src/ChatOpsBot/ChatOpsBot.csproj src/ChatOpsBot/
COPY src/ChatOpsBot.Diagnostics/ChatOpsBot.Diagnostics.csproj src/ChatOpsBot.Diagnostics/
COPY src/ChatOpsBot.Core/ChatOpsBot.Core.csproj src/ChatOpsBot.Core/
COPY src/ChatOpsBot.Telegram/ChatOpsBot.Telegram.csproj src/ChatOpsBot.Telegram/
COPY src/ChatOpsBot.Discord/ChatOpsBot.Discord.csproj src/ChatOpsBot.Discord/
COPY tests/ChatOpsBot.Testing/ChatOpsBot.Testing.csproj tests/ChatOpsBot.Testing/
COPY tests/ChatOpsBot.Diagnostics.Tests/ChatOpsBot.Diagnostics.Tests.csproj tests/ChatOpsBot.Diagnostics.Tests/
COPY tests/ChatOpsBot.Tests/ChatOpsBot.Tests.csproj tests/ChatOpsBot.Tests/
COPY tests/ChatOpsBot.Core.Tests/ChatOpsBot.Core.Tests.csproj tests/ChatOpsBot.Core.Tests/
COPY tests/ChatOpsBot.Telegram.Tests/ChatOpsBot.Telegram.Tests.csproj tests/ChatOpsBot.Telegram.Tests/
COPY tests/ChatOpsBot.Discord.Tests/ChatOpsBot.Discord.Tests.csproj tests/ChatOpsBot.Discord.Tests/
COPY bench/ChatOpsBot.Bench/ChatOpsBot.Bench.csproj bench/ChatOpsBot.Bench/
RUN dotnet restore ChatOpsBot.sln && dotnet restore src/ChatOpsBot -r linux-x64
COPY . .
# Exactly the README's publish command.
RUN dotnet publish src/ChatOpsBot -c Release -r linux-x64 -o out
# The data folder, created here (the final image has no shell to run mkdir).
RUN mkdir -p /data

# CI builds this stage by name (docker build --target test .): BuildKit skips stages the final image does not need.
# The whole suite, the native smoke tests included (they drive the binary just published).
FROM build AS test
# The PostgreSQL store's tests start a throwaway cluster of their own: they need the server's programs, not a server.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql && rm -rf /var/lib/apt/lists/*
ENV CHATOPSBOT_NATIVE_BINARY=/src/out/chatopsbot
RUN dotnet test ChatOpsBot.sln -c Release

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
WORKDIR /app
# The binary with its native libraries (libe_sqlite3.so, libSkiaSharp.so) and config/appsettings.json.
COPY --from=build /src/out/ ./
COPY --from=build /usr/share/fonts/truetype/dejavu/ /usr/share/fonts/truetype/dejavu/
# Monitor state and the alert outbox live here; mount a volume to keep them. 1654 is the images' non-root "app" user
# ($APP_UID), which chiseled images run as.
COPY --from=build --chown=1654:1654 /data /data
ENV Storage__DataDirectory=/data
VOLUME /data
# Chiseled images run as the non-root "app" user (1654) already.
# The one HTTP listener: /healthz, /readyz, /metrics, Discord interactions, the Telegram webhook.
ENV Http__Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/app/chatopsbot"]
