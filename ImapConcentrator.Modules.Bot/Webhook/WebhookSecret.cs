using System.Security.Cryptography;
using System.Text;

namespace ImapConcentrator.Modules.Bot.Webhook;

internal static class WebhookSecret
{
    public const string Header = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Constant time: both sides hashed to equal length, so the position of a mismatch does not show.</summary>
    public static bool Matches(string? presented, string expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
