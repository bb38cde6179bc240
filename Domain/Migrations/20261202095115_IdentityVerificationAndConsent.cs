using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class IdentityVerificationAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "IdentityVerified",
                table: "Profiles",
                newName: "Verification");

            // The flag was 1 for verified; VerificationStatus.Verified is 2 (1 is Pending).
            migrationBuilder.Sql("UPDATE \"Profiles\" SET \"Verification\" = 2 WHERE \"Verification\" = 1;");

            migrationBuilder.AddColumn<DateTime>(
                name: "VerificationDecidedAt",
                table: "Profiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VerificationDecidedBy",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationReason",
                table: "Profiles",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentityCards",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CccdLookupHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    DetailsCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FilledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityCards", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_IdentityCards_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerificationSubmissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdPhotoCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IdPhotoContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SelfieCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SelfieContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationSubmissions_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_AccountId_Purpose",
                table: "Consents",
                columns: new[] { "AccountId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_IdentityCards_CccdLookupHash",
                table: "IdentityCards",
                column: "CccdLookupHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationSubmissions_AccountId",
                table: "VerificationSubmissions",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationSubmissions_SubmittedAt",
                table: "VerificationSubmissions",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "IdentityCards");

            migrationBuilder.DropTable(
                name: "VerificationSubmissions");

            migrationBuilder.DropColumn(
                name: "VerificationDecidedAt",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "VerificationDecidedBy",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "VerificationReason",
                table: "Profiles");

            migrationBuilder.Sql("UPDATE \"Profiles\" SET \"Verification\" = CASE WHEN \"Verification\" = 2 THEN 1 ELSE 0 END;");

            migrationBuilder.RenameColumn(
                name: "Verification",
                table: "Profiles",
                newName: "IdentityVerified");
        }
    }
}
