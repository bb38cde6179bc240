using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DongNai.Domain.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CivicFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeedbackUnits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsOperationsCentre = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuthorId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FoldedText = table.Column<string>(type: "character varying(4151)", maxLength: 4151, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModeratedBy = table.Column<long>(type: "bigint", nullable: true),
                    ModeratedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    MergedIntoId = table.Column<long>(type: "bigint", nullable: true),
                    UnitId = table.Column<long>(type: "bigint", nullable: true),
                    DeadlineAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OverdueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredBy = table.Column<long>(type: "bigint", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LikeCount = table.Column<int>(type: "integer", nullable: false),
                    ShareCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackReports_Accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackReports_FeedbackUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "FeedbackUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackRoutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    AnswerWorkingDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackRoutes_FeedbackUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "FeedbackUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackStaffAssignments",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackStaffAssignments", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_FeedbackStaffAssignments_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackStaffAssignments_FeedbackUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "FeedbackUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: true),
                    DeadlineAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActorId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackChanges_FeedbackReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "FeedbackReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackLikes",
                columns: table => new
                {
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackLikes", x => new { x.ReportId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_FeedbackLikes_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackLikes_FeedbackReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "FeedbackReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackPhotos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackPhotos_FeedbackReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "FeedbackReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackChanges_ReportId",
                table: "FeedbackChanges",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLikes_AccountId",
                table: "FeedbackLikes",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackPhotos_ReportId",
                table: "FeedbackPhotos",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_AuthorId_CreatedAt",
                table: "FeedbackReports",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_Status_DeadlineAt",
                table: "FeedbackReports",
                columns: new[] { "Status", "DeadlineAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_Status_Id",
                table: "FeedbackReports",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReports_UnitId_Status",
                table: "FeedbackReports",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRoutes_Category_CommuneCode",
                table: "FeedbackRoutes",
                columns: new[] { "Category", "CommuneCode" },
                unique: true,
                filter: "\"CommuneCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackRoutes_UnitId",
                table: "FeedbackRoutes",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "UX_FeedbackRoutes_DefaultPerCategory",
                table: "FeedbackRoutes",
                column: "Category",
                unique: true,
                filter: "\"CommuneCode\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackStaffAssignments_UnitId",
                table: "FeedbackStaffAssignments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackUnits_Code",
                table: "FeedbackUnits",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackChanges");

            migrationBuilder.DropTable(
                name: "FeedbackLikes");

            migrationBuilder.DropTable(
                name: "FeedbackPhotos");

            migrationBuilder.DropTable(
                name: "FeedbackRoutes");

            migrationBuilder.DropTable(
                name: "FeedbackStaffAssignments");

            migrationBuilder.DropTable(
                name: "FeedbackReports");

            migrationBuilder.DropTable(
                name: "FeedbackUnits");
        }
    }
}
