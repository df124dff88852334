using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ImapConcentrator.Modules.Mail.Api;

internal static class MailEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var mailboxes = app.MapGroup("/api/mailboxes").RequireAuthorization(Subscribers.WhitelistPolicy);
        mailboxes.MapGet("/", async (IMailboxRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.ListAsync(null, ct)));
        mailboxes.MapGet("/{id:long}", async Task<Results<Ok<MailboxView>, NotFound>> (long id, IMailboxRegistry registry, CancellationToken ct) =>
            await registry.GetAsync(id, ct) is { } mailbox ? TypedResults.Ok(mailbox) : TypedResults.NotFound());
        mailboxes.MapPost("/", AddAsync);
        mailboxes.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, IMailboxRegistry registry, CancellationToken ct) =>
            await registry.RemoveAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        mailboxes.MapPut("/{id:long}/credentials", UpdateCredentialsAsync);
        mailboxes.MapPost("/{id:long}/refetch", RefetchAsync);

        app.MapGet("/api/notifications", GetNotificationsAsync).RequireAuthorization(Subscribers.SubscriberPolicy);
    }

    private static async Task<IResult> AddAsync(MailboxRequest? body, IMailboxRegistry registry, CancellationToken ct)
    {
        if (body is null)
        {
            return TypedResults.Problem("A JSON body is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (mailbox, securityError) = body.ToNewMailbox();
        if (mailbox is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["security"] = [securityError!] });
        }

        var result = await registry.AddAsync(mailbox, ct);
        return result.Succeeded ? TypedResults.Created($"/api/mailboxes/{result.Mailbox!.Id}", result.Mailbox) : Failure(result);
    }

    private static async Task<IResult> UpdateCredentialsAsync(long id, CredentialsRequest? body, IMailboxRegistry registry, CancellationToken ct)
    {
        var current = await registry.GetAsync(id, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        var result = await registry.UpdateCredentialsAsync(id, body?.Username ?? current.Username, body?.Password ?? string.Empty, ct);
        return result.Succeeded ? TypedResults.Ok(result.Mailbox) : Failure(result);
    }

    private static async Task<IResult> RefetchAsync(long id, IMailboxRegistry registry, CancellationToken ct, int count = 0)
    {
        if (count is < 0 or > NotificationFeed.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["'count' must be between 0 and 1000."] });
        }

        var result = await registry.RefetchAsync(id, count, ct);
        return !result.Found ? TypedResults.NotFound()
            : result.Error is not null ? TypedResults.Problem(result.Error, statusCode: StatusCodes.Status502BadGateway, title: "The mail server failed")
            : TypedResults.Ok(new { notified = result.Notified });
    }

    private static async Task<IResult> GetNotificationsAsync(
        HttpContext http, INotificationFeed feed, CancellationToken ct, long after = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        if (after < 0)
        {
            errors["after"] = ["'after' must be 0 or more."];
        }

        if (limit is < 1 or > NotificationFeed.MaxLimit)
        {
            errors["limit"] = ["'limit' must be between 1 and 1000."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var chatId = http.User.IsWhitelisted() ? null : http.User.ChatId();
        return TypedResults.Ok(await feed.GetSinceAsync(after, limit, chatId, ct));
    }

    private static IResult Failure(RegistrationResult result) => result.Failure switch
    {
        RegistrationFailure.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary()),
        RegistrationFailure.Duplicate => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "Already registered"),
        RegistrationFailure.NotFound => TypedResults.NotFound(),
        RegistrationFailure.HostRefused => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Host refused"),
        _ => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Login failed"),
    };
}
