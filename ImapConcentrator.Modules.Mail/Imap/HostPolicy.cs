using System.Net;
using System.Net.Sockets;

namespace ImapConcentrator.Modules.Mail.Imap;

/// <summary>
/// Which addresses a stranger's mailbox may point at. Refusing internal ones stops the bot being
/// used to probe the network the service runs in.
/// </summary>
internal static class HostPolicy
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC; // fc00::/7 unique local
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => v4[1] == 254, // link-local, cloud metadata
            172 => v4[1] is >= 16 and <= 31,
            192 => (v4[1] == 168) || (v4[1] == 0 && v4[2] is 0 or 2) || (v4[1] == 88 && v4[2] == 99),
            198 => v4[1] is 18 or 19 || (v4[1] == 51 && v4[2] == 100),
            203 => v4[1] == 0 && v4[2] == 113,
            >= 224 => true, // multicast and reserved
            _ => false,
        };
    }
}
