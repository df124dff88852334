using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImapConcentrator.Modules.Mail.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mail_data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mail_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mail_mailboxes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    chat_id = table.Column<long>(type: "INTEGER", nullable: true),
                    host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    port = table.Column<int>(type: "INTEGER", nullable: false),
                    security = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    encrypted_password = table.Column<string>(type: "TEXT", nullable: false),
                    folder = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    web_link_template = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    next_uid = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_checked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mail_mailboxes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mail_notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    mailbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    chat_id = table.Column<long>(type: "INTEGER", nullable: true),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    folder = table.Column<string>(type: "TEXT", nullable: false),
                    uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    uid = table.Column<long>(type: "INTEGER", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", nullable: true),
                    from = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    date = table.Column<long>(type: "INTEGER", nullable: false),
                    preview = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    link = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mail_notifications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mail_mailboxes_chat_id",
                table: "mail_mailboxes",
                column: "chat_id");

            migrationBuilder.CreateIndex(
                name: "IX_mail_notifications_chat_id_id",
                table: "mail_notifications",
                columns: new[] { "chat_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_mail_notifications_created_at",
                table: "mail_notifications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_mail_notifications_mailbox_id_uid_validity_uid",
                table: "mail_notifications",
                columns: new[] { "mailbox_id", "uid_validity", "uid" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mail_data_protection_keys");

            migrationBuilder.DropTable(
                name: "mail_mailboxes");

            migrationBuilder.DropTable(
                name: "mail_notifications");
        }
    }
}
