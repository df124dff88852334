using ImapConcentrator.Modules.Bot;
using ImapConcentrator.Modules.Mail;
using NetArchTest.Rules;

namespace ImapConcentrator.Tests.Foundation;

/// <summary>The module rules of DESIGN.md section 2.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Mail = typeof(MailModule).Assembly;
    private static readonly System.Reflection.Assembly Bot = typeof(BotModule).Assembly;

    [Fact]
    public void Mail_knows_no_other_module_nor_SignalR_nor_Telegram()
    {
        var result = Types.InAssembly(Mail).ShouldNot()
            .HaveDependencyOnAny("ImapConcentrator.Modules.Bot", "ImapConcentrator.Web", "Microsoft.AspNetCore.SignalR", "Telegram")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Bot_does_not_know_the_host_nor_SignalR()
    {
        var result = Types.InAssembly(Bot).ShouldNot()
            .HaveDependencyOnAny("ImapConcentrator.Web", "Microsoft.AspNetCore.SignalR")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Bot_uses_only_the_public_contracts_of_Mail()
    {
        var mailInternals = Types.InAssembly(Mail).That().ResideInNamespace("ImapConcentrator.Modules.Mail")
            .And().DoNotResideInNamespace("ImapConcentrator.Modules.Mail.Contracts")
            .GetTypes().Where(t => t != typeof(MailModule)).Select(t => t.FullName!).ToArray();
        var result = Types.InAssembly(Bot).ShouldNot().HaveDependencyOnAny(mailInternals).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Theory]
    [InlineData("Mail")]
    [InlineData("Bot")]
    public void A_module_shows_only_its_entry_point_and_contracts(string module)
    {
        var assembly = module == "Mail" ? Mail : Bot;
        var result = Types.InAssembly(assembly).That().ArePublic()
            .And().DoNotResideInNamespace($"ImapConcentrator.Modules.{module}.Contracts")
            .And().DoNotHaveNameEndingWith("Module")
            .And().DoNotResideInNamespace($"ImapConcentrator.Modules.{module}.Persistence.Migrations")
            .Should().NotBePublic().GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Theory]
    [InlineData("Mail")]
    [InlineData("Bot")]
    public void Internal_classes_are_sealed(string module)
    {
        var assembly = module == "Mail" ? Mail : Bot;
        var result = Types.InAssembly(assembly).That().AreClasses().And().AreNotAbstract().And().AreNotStatic()
            .And().DoNotResideInNamespace($"ImapConcentrator.Modules.{module}.Persistence.Migrations")
            .And().DoNotHaveNameMatching("^<|Migration|Snapshot|Log$")
            .Should().BeSealed().GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    private static string Failing(TestResult result) =>
        "Breaking: " + string.Join(", ", result.FailingTypeNames ?? []);
}
