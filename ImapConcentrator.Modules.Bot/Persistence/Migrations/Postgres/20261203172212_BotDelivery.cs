using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImapConcentrator.Modules.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BotDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "delivered_through",
                schema: "bot",
                table: "chats",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "processed_updates",
                schema: "bot",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_updates", x => x.update_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chats_notify_in_chat",
                schema: "bot",
                table: "chats",
                column: "notify_in_chat");

            migrationBuilder.CreateIndex(
                name: "IX_processed_updates_received_at",
                schema: "bot",
                table: "processed_updates",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processed_updates",
                schema: "bot");

            migrationBuilder.DropIndex(
                name: "IX_chats_notify_in_chat",
                schema: "bot",
                table: "chats");

            migrationBuilder.DropColumn(
                name: "delivered_through",
                schema: "bot",
                table: "chats");
        }
    }
}
