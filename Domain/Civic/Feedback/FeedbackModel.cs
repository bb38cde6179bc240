using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Civic.Feedback;

/// <summary>The EF mapping of citizen feedback: photos, likes, changes, units, routes and staff assignments (reports are mapped by <see cref="FeedbackReportKind"/>).</summary>
internal static class FeedbackModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeedbackUnit>(unit =>
        {
            unit.Property(u => u.Code).HasMaxLength(FeedbackUnit.MaxCodeLength);
            unit.Property(u => u.Name).HasMaxLength(FeedbackUnit.MaxNameLength);
            unit.HasIndex(u => u.Code).IsUnique();
        });

        modelBuilder.Entity<FeedbackRoute>(route =>
        {
            route.Property(r => r.CommuneCode).HasMaxLength(10);

            // One row per category and commune, and one default (no commune) per category.
            route.HasIndex(r => new { r.Category, r.CommuneCode }).IsUnique().HasFilter("\"CommuneCode\" IS NOT NULL");
            route.HasIndex(r => r.Category).IsUnique().HasFilter("\"CommuneCode\" IS NULL").HasDatabaseName("UX_FeedbackRoutes_DefaultPerCategory");
            route.HasOne<FeedbackUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<FeedbackStaffAssignment>(assignment =>
        {
            assignment.HasKey(a => a.AccountId);
            assignment.HasIndex(a => a.UnitId);
            assignment.HasOne<Account>().WithOne().HasForeignKey<FeedbackStaffAssignment>(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<FeedbackUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<FeedbackPhoto>(photo =>
        {
            photo.Property(p => p.ContentType).HasMaxLength(40);
            photo.HasIndex(p => p.ReportId);
            photo.HasOne<FeedbackReport>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FeedbackLike>(like =>
        {
            like.HasKey(l => new { l.ReportId, l.AccountId });
            like.HasIndex(l => l.AccountId);
            like.HasOne<FeedbackReport>().WithMany().HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
            like.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FeedbackChange>(change =>
        {
            change.Property(c => c.Note).HasMaxLength(FeedbackChange.MaxNoteLength);
            change.HasIndex(c => c.ReportId);
            change.HasOne<FeedbackReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
