using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class PublicServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicServiceApplications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<long>(type: "INTEGER", nullable: false),
                    ApplicantId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Form = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicantCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    DetailsCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicServiceApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicServiceApplications_Accounts_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicServices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CatalogueKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Form = table.Column<int>(type: "INTEGER", nullable: true),
                    CompetentAuthority = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FeeVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProcessingTime = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RequiredDocuments = table.Column<string>(type: "TEXT", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    ExternalUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicServices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicServiceApplicationStates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    NoteCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ChangedBy = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicServiceApplicationStates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicServiceApplicationStates_PublicServiceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "PublicServiceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicServiceAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false),
                    Ciphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AttachedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicServiceAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicServiceAttachments_PublicServiceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "PublicServiceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceApplications_ApplicantId",
                table: "PublicServiceApplications",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceApplications_Form_CommuneCode_Status_SubmittedAt",
                table: "PublicServiceApplications",
                columns: new[] { "Form", "CommuneCode", "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceApplications_TrackingCode",
                table: "PublicServiceApplications",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceApplicationStates_ApplicationId",
                table: "PublicServiceApplicationStates",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceAttachments_ApplicationId",
                table: "PublicServiceAttachments",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicServices_CatalogueKey",
                table: "PublicServices",
                column: "CatalogueKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicServices_OwnerId",
                table: "PublicServices",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicServices_UpdatedAt",
                table: "PublicServices",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicServiceApplicationStates");

            migrationBuilder.DropTable(
                name: "PublicServiceAttachments");

            migrationBuilder.DropTable(
                name: "PublicServices");

            migrationBuilder.DropTable(
                name: "PublicServiceApplications");
        }
    }
}
