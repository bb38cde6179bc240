# The service image for the scale-out set-up (docker-compose.yml): built with the SDK, run on the
# ASP.NET runtime as the image's non-root user `app` (uid 1654).
#   docker build -t dongnai-search .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a code change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props DongNai.slnx ./
COPY Domain/Domain.csproj Domain/
COPY Search/Search.csproj Search/
COPY Search.Lucene/Search.Lucene.csproj Search.Lucene/
COPY Search.Elasticsearch/Search.Elasticsearch.csproj Search.Elasticsearch/
COPY Identity/Identity.csproj Identity/
COPY Seeding/Seeding.csproj Seeding/
COPY Indexers/Indexers.csproj Indexers/
COPY Payments/Payments.csproj Payments/
COPY Ranking/Ranking.csproj Ranking/
COPY Messaging/Messaging.csproj Messaging/
COPY Search.Api/Search.Api.csproj Search.Api/
RUN dotnet restore Search.Api/Search.Api.csproj
COPY . .
RUN dotnet publish Search.Api/Search.Api.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# libgomp1: LightGBM's native library (the ranking module's trainer) needs libgomp.so.1, which the
# slim runtime image lacks. curl: the health check below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
# The data folder (keys, message pictures; the SQLite file and Lucene index in the embedded set-up)
# belongs to the app user, so volumes mounted under it start with that owner.
RUN mkdir -p /app/data/keys /app/data/messages /home/app/.aspnet/DataProtection-Keys \
    && chown -R app:app /app/data /home/app/.aspnet
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__DataPath=/app/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
    CMD curl -fsS http://localhost:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "DongNai.Search.Api.dll"]
