using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Tests.Infrastructure;

/// <summary>One call the app made to the Bot API, with the HTTP status the fake answered.</summary>
public sealed record ApiCall(string Method, JsonElement Body, int Status, DateTimeOffset At)
{
    public long? ChatId => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("chat_id", out var c)
        ? (c.ValueKind == JsonValueKind.Number ? c.GetInt64() : long.Parse(c.GetString()!)) : null;

    public string? Text => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("text", out var t) ? t.GetString() : null;

    public bool Ok => Status == 200;
}

/// <summary>
/// A Bot API server on loopback (the only fake of a network peer): records every call, answers sendMessage with a
/// Message, deleteMessage/setWebhook with true, and can answer the next sendMessage calls with 429.
/// </summary>
public sealed class FakeTelegramApi : IAsyncDisposable
{
    public const string Token = "123456789:TEST-token_abcdefghijklmnopqrstuv";
    public const string Secret = "test-webhook-secret_42";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ApiCall> calls = new();
    private int messageIds = 5000;
    private int tooManyRequests;
    private int serverErrors;

    private FakeTelegramApi(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public int RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<ApiCall> Calls => calls.ToArray();

    /// <summary>The next <paramref name="count"/> sendMessage calls get HTTP 429 with retry_after.</summary>
    public void AnswerTooManyRequests(int count) => Volatile.Write(ref tooManyRequests, count);

    /// <summary>The next <paramref name="count"/> sendMessage calls get HTTP 502 (a proxy in trouble).</summary>
    public void AnswerServerErrors(int count) => Volatile.Write(ref serverErrors, count);

    /// <summary>The status of the errors <see cref="AnswerServerErrors"/> answers with (502; 401 plays a revoked bot token).</summary>
    public int ServerErrorCode { get; set; } = 502;

    /// <summary>sendMessage calls into the chat that Telegram accepted.</summary>
    public IReadOnlyList<ApiCall> Messages(long chatId) =>
        Calls.Where(c => c.Method == "sendMessage" && c.Ok && c.ChatId == chatId).ToList();

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new FakeTelegramApi(builder.Build());
        fake.app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await fake.app.StartAsync();
        fake.BaseUrl = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>AppHost settings that turn the bot on against this server.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:ApiBaseUrl"] = BaseUrl,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string token, string method)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        if (token != Token)
        {
            calls.Enqueue(new ApiCall(method, body, 401, DateTimeOffset.UtcNow));
            return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        }

        if (method == "sendMessage" && Interlocked.Decrement(ref tooManyRequests) >= 0)
        {
            calls.Enqueue(new ApiCall(method, body, 429, DateTimeOffset.UtcNow));
            return Results.Json(new
            {
                ok = false, error_code = 429, description = $"Too Many Requests: retry after {RetryAfterSeconds}",
                parameters = new { retry_after = RetryAfterSeconds },
            }, statusCode: 429);
        }

        Interlocked.CompareExchange(ref tooManyRequests, 0, -1);
        if (method == "sendMessage" && Interlocked.Decrement(ref serverErrors) >= 0)
        {
            var code = ServerErrorCode;
            calls.Enqueue(new ApiCall(method, body, code, DateTimeOffset.UtcNow));
            return Results.Json(new { ok = false, error_code = code, description = code == 401 ? "Unauthorized" : "Bad Gateway" }, statusCode: code);
        }

        Interlocked.CompareExchange(ref serverErrors, 0, -1);
        calls.Enqueue(new ApiCall(method, body, 200, DateTimeOffset.UtcNow));
        object result = method switch
        {
            "sendMessage" => new
            {
                message_id = Interlocked.Increment(ref messageIds),
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = new ApiCall(method, body, 200, default).ChatId ?? 0, type = "private" },
                text = body.TryGetProperty("text", out var t) ? t.GetString() : string.Empty,
            },
            _ => true,
        };
        return Results.Json(new { ok = true, result });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
