using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ImapConcentrator.Modules.Bot.Webhook;

internal static class WebhookEndpoint
{
    public const string Path = "/telegram/webhook";

    public static void MapWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).AllowAnonymous().ExcludeFromDescription();

    /// <summary>403 without the secret, 400 for a body that is no Update, 200 otherwise: a failing command is answered in the chat.</summary>
    private static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<TelegramOptions> options, IHostApplicationLifetime lifetime)
    {
        var telegram = options.Value;
        if (!telegram.Enabled)
        {
            return TypedResults.NotFound();
        }

        if (!WebhookSecret.Matches(request.Headers[WebhookSecret.Header], telegram.WebhookSecret))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return TypedResults.BadRequest();
        }

        if (update is null || update.Id <= 0)
        {
            return TypedResults.BadRequest();
        }

        // Not the request's token: once accepted, an update is handled even if Telegram hangs up.
        // Resolved only now: with the bot off there is no Telegram client to build.
        var handler = request.HttpContext.RequestServices.GetRequiredService<UpdateHandler>();
        await handler.HandleAsync(update, lifetime.ApplicationStopping);
        return TypedResults.Ok();
    }
}
