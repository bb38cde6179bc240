using DongNai.Domain.Payments;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Civic.PublicServices;

/// <summary>The EF mapping of public-service applications, their history, attachments and staff communes (the catalogue is mapped by <see cref="PublicServiceKind"/>).</summary>
internal static class PublicServiceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PublicServiceApplication>(application =>
        {
            application.ToTable("PublicServiceApplications");
            application.HasIndex(a => a.TrackingCode).IsUnique();
            application.HasIndex(a => a.ApplicantId);
            application.HasIndex(a => new { a.Form, a.CommuneCode, a.Status, a.SubmittedAt });
            application.Property(a => a.CommuneCode).HasMaxLength(10);
            application.Property(a => a.Status).IsConcurrencyToken();
            application.Property(a => a.FeePaidAt).IsConcurrencyToken();

            // One order pays one application's fee; an order outlives nothing it paid for.
            application.HasIndex(a => a.FeeOrderId).IsUnique().HasFilter("\"FeeOrderId\" IS NOT NULL");
            application.HasOne<Order>().WithMany().HasForeignKey(a => a.FeeOrderId).OnDelete(DeleteBehavior.Restrict);

            // Erasing an account (DELETE /api/me) takes its applications with it.
            application.HasOne<Account>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApplicationStateChange>(change =>
        {
            change.ToTable("PublicServiceApplicationStates");
            change.HasIndex(c => c.ApplicationId);
            change.HasOne<PublicServiceApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PublicServiceStaffCommune>(assignment =>
        {
            assignment.ToTable("PublicServiceStaffCommunes");
            assignment.HasKey(a => new { a.AccountId, a.CommuneCode });
            assignment.Property(a => a.CommuneCode).HasMaxLength(10);
            assignment.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApplicationAttachment>(attachment =>
        {
            attachment.ToTable("PublicServiceAttachments");
            attachment.HasIndex(a => a.ApplicationId);
            attachment.Property(a => a.ContentType).HasMaxLength(ApplicationAttachment.MaxContentTypeLength);
            attachment.Property(a => a.Label).HasMaxLength(ApplicationAttachment.MaxLabelLength);
            attachment.HasOne<PublicServiceApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
