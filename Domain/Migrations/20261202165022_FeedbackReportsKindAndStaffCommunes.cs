using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackReportsKindAndStaffCommunes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<double>(
                name: "Longitude",
                table: "FeedbackReports",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "Latitude",
                table: "FeedbackReports",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ExactPoint",
                table: "FeedbackReports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "FeedbackReports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PublicServiceStaffCommunes",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicServiceStaffCommunes", x => new { x.AccountId, x.CommuneCode });
                    table.ForeignKey(
                        name: "FK_PublicServiceStaffCommunes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_AuthorId",
                table: "FeedbackReports",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_UpdatedAt",
                table: "FeedbackReports",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicServiceStaffCommunes");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackReports_AuthorId",
                table: "FeedbackReports");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackReports_UpdatedAt",
                table: "FeedbackReports");

            migrationBuilder.DropColumn(
                name: "ExactPoint",
                table: "FeedbackReports");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "FeedbackReports");

            migrationBuilder.AlterColumn<double>(
                name: "Longitude",
                table: "FeedbackReports",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL");

            migrationBuilder.AlterColumn<double>(
                name: "Latitude",
                table: "FeedbackReports",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL");
        }
    }
}
