using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImapConcentrator.Modules.Mail.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UniqueMailboxPerChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_mailboxes_chat_id_host_username_folder",
                schema: "mail",
                table: "mailboxes",
                columns: new[] { "chat_id", "host", "username", "folder" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_mailboxes_chat_id_host_username_folder",
                schema: "mail",
                table: "mailboxes");
        }
    }
}
