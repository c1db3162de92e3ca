# syntax=docker/dockerfile:1
# Build: docker build -t chatopsbot .
# Run:   docker run --rm -e OPENAI_API_KEY chatopsbot diagnose all     (one diagnosis)
#        docker run -d -e Discord__Token=... chatopsbot                (the worker, the default)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore in its own layer: only the solution, build props and project files.
COPY ChatOpsBot.sln Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
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
RUN dotnet restore ChatOpsBot.sln
COPY . .
RUN dotnet build ChatOpsBot.sln -c Release --no-restore

# CI builds this stage by name (docker build --target test .): BuildKit skips stages the final image does not need.
FROM build AS test
# The PostgreSQL store's tests start a throwaway cluster of their own: they need the server's programs, not a server.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql && rm -rf /var/lib/apt/lists/*
RUN dotnet test ChatOpsBot.sln -c Release --no-build

FROM build AS publish
# ReadyToRun (precompiled): a one-shot `diagnose` starts in about half the time (bench/README.md).
RUN dotnet publish src/ChatOpsBot/ChatOpsBot.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# One small font family, so the /status chart has its labels (the image ships none).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=publish /app .
# Monitor state and the alert outbox live here; mount a volume to keep them.
ENV Storage__DataDirectory=/data
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
# The one HTTP listener: /healthz, /readyz, /metrics, Discord interactions, the Telegram webhook.
ENV Http__Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/app/chatopsbot"]
