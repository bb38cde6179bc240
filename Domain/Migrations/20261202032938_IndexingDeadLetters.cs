using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class IndexingDeadLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "IndexingDeadLetters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Operation = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DeadLetteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndexingDeadLetters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndexingDeadLetters_Kind_ListingId",
                table: "IndexingDeadLetters",
                columns: new[] { "Kind", "ListingId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndexingDeadLetters");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Outbox");
        }
    }
}
