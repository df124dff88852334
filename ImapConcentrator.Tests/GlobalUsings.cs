global using ImapConcentrator.Tests.Infrastructure;
