using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DongNai.Domain.Migrations
{
    /// <inheritdoc />
    public partial class PublicServiceFees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FeeOrderId",
                table: "PublicServiceApplications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeePaidAt",
                table: "PublicServiceApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeVnd",
                table: "PublicServiceApplications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_PublicServiceApplications_FeeOrderId",
                table: "PublicServiceApplications",
                column: "FeeOrderId",
                unique: true,
                filter: "\"FeeOrderId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_PublicServiceApplications_Orders_FeeOrderId",
                table: "PublicServiceApplications",
                column: "FeeOrderId",
                principalTable: "Orders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PublicServiceApplications_Orders_FeeOrderId",
                table: "PublicServiceApplications");

            migrationBuilder.DropIndex(
                name: "IX_PublicServiceApplications_FeeOrderId",
                table: "PublicServiceApplications");

            migrationBuilder.DropColumn(
                name: "FeeOrderId",
                table: "PublicServiceApplications");

            migrationBuilder.DropColumn(
                name: "FeePaidAt",
                table: "PublicServiceApplications");

            migrationBuilder.DropColumn(
                name: "FeeVnd",
                table: "PublicServiceApplications");
        }
    }
}
