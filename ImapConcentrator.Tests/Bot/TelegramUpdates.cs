using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ImapConcentrator.Tests.Bot;

/// <summary>What Telegram posts to the webhook, as a test sends it.</summary>
internal sealed partial class TelegramUpdates(AppHost app, FakeTelegramApi telegram)
{
    private static int updateIds = 100_000;
    private static int messageIds = 1;

    public static object Update(int updateId, long chatId, long userId, string text, int messageId) => new
    {
        update_id = updateId,
        message = new
        {
            message_id = messageId,
            date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            chat = new { id = chatId, type = "private", username = $"user{userId}" },
            from = new { id = userId, is_bot = false, first_name = "Test" },
            text,
        },
    };

    public async Task<HttpResponseMessage> PostAsync(object update, string? secret = FakeTelegramApi.Secret)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(update) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends a command from the chat (user id = chat id) and returns the bot's answer to it.</summary>
    public async Task<string> SayAsync(long chatId, string text, long? userId = null, int? messageId = null)
    {
        var before = telegram.Messages(chatId).Count;
        using var response = await PostAsync(Update(Interlocked.Increment(ref updateIds), chatId, userId ?? chatId, text,
            messageId ?? Interlocked.Increment(ref messageIds)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = telegram.Messages(chatId);
        Assert.True(answers.Count == before + 1, $"'{text}' should be answered once, got {answers.Count - before} answers");
        return answers[^1].Text!;
    }

    public static long MailboxId(string answer) => long.Parse(IdPattern().Match(answer).Groups[1].Value);

    public static string TokenOf(string answer) => TokenPattern().Match(answer).Groups[1].Value;

    [GeneratedRegex("#(\\d+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<code>([A-Za-z0-9_-]{40,})</code>")]
    private static partial Regex TokenPattern();
}
