using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ImapConcentrator.Modules.Bot.Tokens;

/// <summary>Chat tokens: 32 random bytes, base64url; only their SHA-256 (hex) is stored.</summary>
internal static class ChatTokens
{
    public const int MaxLength = 128;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
