# Build: the SDK restores and publishes; run: the ASP.NET Core runtime image as its non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ImapConcentrator.sln ./
COPY ImapConcentrator.Web/ImapConcentrator.Web.csproj ImapConcentrator.Web/
COPY ImapConcentrator.Modules.Mail/ImapConcentrator.Modules.Mail.csproj ImapConcentrator.Modules.Mail/
COPY ImapConcentrator.Modules.Bot/ImapConcentrator.Modules.Bot.csproj ImapConcentrator.Modules.Bot/
RUN dotnet restore ImapConcentrator.Web/ImapConcentrator.Web.csproj
COPY ImapConcentrator.Web/ ImapConcentrator.Web/
COPY ImapConcentrator.Modules.Mail/ ImapConcentrator.Modules.Mail/
COPY ImapConcentrator.Modules.Bot/ ImapConcentrator.Modules.Bot/
RUN dotnet publish ImapConcentrator.Web/ImapConcentrator.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The SQLite default lives in /app/data (ConnectionStrings__Database=Data Source=data/imapconcentrator.db).
RUN mkdir -p /app/data && chown app:app /app/data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "ImapConcentrator.Web.dll"]
