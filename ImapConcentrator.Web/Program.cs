using System.Text.Json.Serialization;
using ImapConcentrator.Modules.Bot;
using ImapConcentrator.Modules.Mail;
using ImapConcentrator.Web.Auth;
using ImapConcentrator.Web.Metrics;
using ImapConcentrator.Web.Realtime;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSubscriberAuthentication();
builder.Services.AddRealtime();
builder.Services.AddPrometheusMetrics();
builder.Services.AddMailModule(builder.Configuration);
builder.Services.AddBotModule(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(MailModule.ReadyTag) });
app.MapMailEndpoints();
app.MapBotEndpoints();
app.MapRealtime();
app.MapPrometheusMetrics();

try
{
    // Validate configuration before touching the database, so a bad key is named instead of a provider error.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    await app.Services.MigrateMailDatabaseAsync();
    await app.Services.MigrateBotDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}");
    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
