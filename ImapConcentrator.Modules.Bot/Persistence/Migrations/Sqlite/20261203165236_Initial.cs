using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImapConcentrator.Modules.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bot_chats",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    notify_in_chat = table.Column<bool>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_chats", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bot_chats_token_hash",
                table: "bot_chats",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bot_chats");
        }
    }
}
