using System.Security.Cryptography;
using System.Text;

namespace ImapConcentrator.Web.Auth;

internal static class WhitelistKeys
{
    /// <summary>
    /// Constant time: both sides are hashed to equal length and every key is compared, so neither the
    /// position of a mismatch nor which key matched shows in the timing.
    /// </summary>
    public static bool Contains(IReadOnlyList<string> keys, string candidate)
    {
        Span<byte> presented = stackalloc byte[32];
        Span<byte> expected = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), presented);
        var found = false;
        foreach (var key in keys)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(key), expected);
            found |= CryptographicOperations.FixedTimeEquals(presented, expected);
        }

        return found;
    }
}
