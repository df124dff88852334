using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImapConcentrator.Modules.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BotDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "delivered_through",
                table: "bot_chats",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "bot_processed_updates",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_processed_updates", x => x.update_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bot_chats_notify_in_chat",
                table: "bot_chats",
                column: "notify_in_chat");

            migrationBuilder.CreateIndex(
                name: "IX_bot_processed_updates_received_at",
                table: "bot_processed_updates",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bot_processed_updates");

            migrationBuilder.DropIndex(
                name: "IX_bot_chats_notify_in_chat",
                table: "bot_chats");

            migrationBuilder.DropColumn(
                name: "delivered_through",
                table: "bot_chats");
        }
    }
}
