using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class InteractionEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientEventId",
                table: "Interactions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DeviceId",
                table: "Interactions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "Interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestId",
                table: "Interactions",
                type: "TEXT",
                fixedLength: true,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt",
                table: "Interactions",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "UX_Interactions_Account_ClientEventId",
                table: "Interactions",
                columns: new[] { "AccountId", "ClientEventId" },
                unique: true,
                filter: "\"AccountId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "UX_Interactions_Device_ClientEventId",
                table: "Interactions",
                columns: new[] { "DeviceId", "ClientEventId" },
                unique: true,
                filter: "\"AccountId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_OccurredAt",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "UX_Interactions_Account_ClientEventId",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "UX_Interactions_Device_ClientEventId",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "ClientEventId",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "DeviceId",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "Interactions");
        }
    }
}
