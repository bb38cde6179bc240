using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Listings;
using DongNai.Domain.Messaging;
using DongNai.Domain.Outbox;
using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain;

/// <summary>
/// The system of record: every listing, person, place and pending index change, and the payments
/// side (orders, their transitions, the ledger, voucher claims). One context, no
/// repository layer over it. Each listing kind maps its own table (see <see cref="ListingKinds"/>);
/// reach it with <c>Set&lt;TListing&gt;()</c>. Not thread-safe; one instance per request or unit of work.
/// On PostgreSQL the same model runs as <see cref="PostgreSql.PostgreSqlAppDbContext"/>, which only keeps its
/// migrations apart from SQLite's.
/// </summary>
public class AppDbContext : DbContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<IdentityCard> IdentityCards => Set<IdentityCard>();

    public DbSet<VerificationSubmission> VerificationSubmissions => Set<VerificationSubmission>();

    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    public DbSet<InteractionEvent> Interactions => Set<InteractionEvent>();

    public DbSet<JobApplication> JobApplications => Set<JobApplication>();

    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();

    public DbSet<PersonalQrCode> PersonalQrCodes => Set<PersonalQrCode>();

    public DbSet<PersonalQrScan> PersonalQrScans => Set<PersonalQrScan>();

    public DbSet<FeedDismissal> FeedDismissals => Set<FeedDismissal>();

    public DbSet<OutboxEntry> Outbox => Set<OutboxEntry>();

    public DbSet<IndexingCheckpoint> IndexingCheckpoints => Set<IndexingCheckpoint>();

    public DbSet<IndexingDeadLetter> IndexingDeadLetters => Set<IndexingDeadLetter>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderTransition> OrderTransitions => Set<OrderTransition>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<VoucherClaim> VoucherClaims => Set<VoucherClaim>();

    public DbSet<MessagingSettings> MessagingSettings => Set<MessagingSettings>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Block> Blocks => Set<Block>();

    public DbSet<PersonReport> PersonReports => Set<PersonReport>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<PushDevice> PushDevices => Set<PushDevice>();

    public DbSet<BankStatementLine> BankStatementLines => Set<BankStatementLine>();

    public DbSet<PublicServiceApplication> PublicServiceApplications => Set<PublicServiceApplication>();

    public DbSet<ApplicationStateChange> PublicServiceApplicationStates => Set<ApplicationStateChange>();

    public DbSet<ApplicationAttachment> PublicServiceAttachments => Set<ApplicationAttachment>();

    public DbSet<Civic.PublicServices.PublicServiceStaffCommune> PublicServiceStaffCommunes => Set<Civic.PublicServices.PublicServiceStaffCommune>();

    public DbSet<Civic.Feedback.FeedbackReport> FeedbackReports => Set<Civic.Feedback.FeedbackReport>();

    public DbSet<Civic.Feedback.FeedbackPhoto> FeedbackPhotos => Set<Civic.Feedback.FeedbackPhoto>();

    public DbSet<Civic.Feedback.FeedbackLike> FeedbackLikes => Set<Civic.Feedback.FeedbackLike>();

    public DbSet<Civic.Feedback.FeedbackChange> FeedbackChanges => Set<Civic.Feedback.FeedbackChange>();

    public DbSet<Civic.Feedback.FeedbackUnit> FeedbackUnits => Set<Civic.Feedback.FeedbackUnit>();

    public DbSet<Civic.Feedback.FeedbackRoute> FeedbackRoutes => Set<Civic.Feedback.FeedbackRoute>();

    public DbSet<Civic.Feedback.FeedbackStaffAssignment> FeedbackStaffAssignments => Set<Civic.Feedback.FeedbackStaffAssignment>();

    public DbSet<Commune> Communes => Set<Commune>();

    public DbSet<OldWardAlias> OldWardAliases => Set<OldWardAlias>();

    public DbSet<Town> Towns => Set<Town>();

    public DbSet<IndustrialPark> IndustrialParks => Set<IndustrialPark>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var kind in ListingKinds.Descriptors)
        {
            kind.ConfigureModel(modelBuilder);
        }

        modelBuilder.Entity<Employer>(employer =>
        {
            employer.HasIndex(e => e.OwnerId);
            employer.Property(e => e.TaxCode).HasMaxLength(14);
        });

        modelBuilder.Entity<Account>(account =>
        {
            account.HasIndex(a => a.PhoneLookupHash).IsUnique();
            account.HasOne(a => a.Profile).WithOne().HasForeignKey<Profile>(p => p.AccountId);
            account.Property(a => a.SecurityStamp).HasMaxLength(64);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.Property(t => t.TokenHash).HasMaxLength(RefreshToken.HashLength);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.AccountId);
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Profile>(profile =>
        {
            profile.HasKey(p => p.AccountId);
            profile.Ignore(p => p.IdentityVerified);
            profile.Property(p => p.VerificationReason).HasMaxLength(Profile.MaxVerificationReasonLength);
        });

        // Everything keyed by an account goes with it (DELETE /api/me): the cascades below, and
        // what has no foreign key (listings, events, companies) is removed by the erasure itself.
        modelBuilder.Entity<JobApplication>(application =>
        {
            application.ToTable("JobApplications");
            application.HasIndex(a => new { a.JobId, a.ApplicantId }).IsUnique();
            application.HasIndex(a => a.ApplicantId);
            application.HasIndex(a => a.EmployerAccountId);
            application.HasIndex(a => a.CvId);
            application.Property(a => a.Reason).HasMaxLength(JobApplication.MaxReasonLength);
            application.HasOne<Account>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Cascade);

            // A deleted job or CV takes its applications with it.
            application.HasOne<Listings.Jobs.JobPosting>().WithMany().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
            application.HasOne<Listings.Cvs.Cv>().WithMany().HasForeignKey(a => a.CvId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ContactRequest>(request =>
        {
            request.HasIndex(r => new { r.EmployerId, r.CvId }).IsUnique();
            request.HasIndex(r => r.WorkerId);
            request.Property(r => r.Message).HasMaxLength(ContactRequest.MaxMessageLength);
            request.HasOne<Account>().WithMany().HasForeignKey(r => r.WorkerId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<Account>().WithMany().HasForeignKey(r => r.EmployerId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<Listings.Cvs.Cv>().WithMany().HasForeignKey(r => r.CvId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<Listings.Jobs.JobPosting>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PersonalQrCode>(code =>
        {
            code.HasIndex(c => c.AccountId);
            code.Property(c => c.Nonce).HasMaxLength(PersonalQrCode.NonceLength);
            code.Ignore(c => c.Fields);
            code.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PersonalQrScan>(scan =>
        {
            scan.HasIndex(s => new { s.OwnerId, s.ScannedAt });
            scan.HasIndex(s => s.ScannerId);
            scan.HasIndex(s => s.CodeId);
            scan.HasOne<PersonalQrCode>().WithMany().HasForeignKey(s => s.CodeId).OnDelete(DeleteBehavior.Cascade);
            scan.HasOne<Account>().WithMany().HasForeignKey(s => s.ScannerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IdentityCard>(card =>
        {
            card.HasKey(c => c.AccountId);
            card.Property(c => c.CccdLookupHash).HasMaxLength(IdentityCard.HashLength);
            card.HasIndex(c => c.CccdLookupHash).IsUnique();
            card.HasOne<Account>().WithOne().HasForeignKey<IdentityCard>(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<VerificationSubmission>(submission =>
        {
            submission.HasIndex(s => s.AccountId).IsUnique();
            submission.HasIndex(s => s.SubmittedAt);
            submission.Property(s => s.IdPhotoContentType).HasMaxLength(VerificationSubmission.MaxContentTypeLength);
            submission.Property(s => s.SelfieContentType).HasMaxLength(VerificationSubmission.MaxContentTypeLength);
            submission.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.HasIndex(c => new { c.AccountId, c.Purpose });
            consent.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InteractionEvent>(interaction =>
        {
            interaction.Property(i => i.DeviceId).HasMaxLength(InteractionEvent.MaxDeviceIdLength);
            interaction.Property(i => i.ClientEventId).HasMaxLength(InteractionEvent.MaxClientEventIdLength);
            interaction.Property(i => i.RequestId).HasMaxLength(InteractionEvent.RequestIdLength).IsFixedLength();
            interaction.Property(i => i.Query).HasMaxLength(InteractionEvent.MaxQueryLength);

            // The idempotency keys of InteractionLog: a client event id is unique per caller, the
            // account when signed in, else the device. Partial indexes, so that NULLs (which never
            // collide) cannot let a retried event in twice; the filters are plain SQL for SQLite and PostgreSQL.
            interaction.HasIndex(i => new { i.AccountId, i.ClientEventId }).IsUnique()
                .HasFilter("\"AccountId\" IS NOT NULL").HasDatabaseName("UX_Interactions_Account_ClientEventId");
            interaction.HasIndex(i => new { i.DeviceId, i.ClientEventId }).IsUnique()
                .HasFilter("\"AccountId\" IS NULL").HasDatabaseName("UX_Interactions_Device_ClientEventId");

            interaction.HasIndex(i => new { i.AccountId, i.OccurredAt });
            interaction.HasIndex(i => new { i.ListingKind, i.ListingId });

            // Training and offline evaluation read events by time window.
            interaction.HasIndex(i => i.OccurredAt);
        });

        modelBuilder.Entity<FeedDismissal>(dismissal =>
        {
            dismissal.HasKey(d => new { d.AccountId, d.ListingKind, d.ListingId });
            dismissal.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IndexingCheckpoint>(checkpoint =>
        {
            checkpoint.HasKey(c => c.Name);
            checkpoint.Property(c => c.Name).HasMaxLength(IndexingCheckpoint.MaxNameLength);
        });

        modelBuilder.Entity<IndexingDeadLetter>(deadLetter =>
        {
            deadLetter.Property(d => d.Error).HasMaxLength(IndexingDeadLetter.MaxErrorLength);
            deadLetter.HasIndex(d => new { d.Kind, d.ListingId });
        });

        ConfigurePayments(modelBuilder);
        MessagingModel.Configure(modelBuilder);
        PublicServiceModel.Configure(modelBuilder);

        Civic.Feedback.FeedbackModel.Configure(modelBuilder);

        modelBuilder.Entity<Commune>().HasKey(c => c.Code);
        modelBuilder.Entity<Commune>().HasIndex(c => c.FoldedName);
        modelBuilder.Entity<OldWardAlias>().HasKey(a => a.OldCode);
        modelBuilder.Entity<OldWardAlias>().HasIndex(a => a.FoldedOldName);
        modelBuilder.Entity<Town>().HasIndex(t => t.FoldedName);
        modelBuilder.Entity<IndustrialPark>().HasKey(p => p.Code);
    }

    private static void ConfigurePayments(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.Property(o => o.Reference).HasMaxLength(Order.ReferenceLength).IsFixedLength();
            order.HasIndex(o => o.Reference).IsUnique();
            order.Property(o => o.Gateway).HasMaxLength(Order.MaxGatewayLength);
            order.Property(o => o.GatewayTransactionId).HasMaxLength(Order.MaxGatewayTransactionIdLength);

            // One gateway payment pays one order: a transaction id seen on a second order is refused by the database.
            order.HasIndex(o => new { o.Gateway, o.GatewayTransactionId }).IsUnique()
                .HasFilter("\"GatewayTransactionId\" IS NOT NULL").HasDatabaseName("UX_Orders_Gateway_TransactionId");
            order.HasIndex(o => new { o.Status, o.ExpiresAt });
            order.HasIndex(o => o.AccountId);
            order.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OrderTransition>(transition =>
        {
            transition.Property(t => t.Actor).HasMaxLength(OrderTransition.MaxActorLength);
            transition.Property(t => t.Reason).HasMaxLength(OrderTransition.MaxReasonLength);
            transition.HasIndex(t => t.OrderId);
            transition.HasOne<Order>().WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("LedgerEntries");
            entry.Property(e => e.Gateway).HasMaxLength(Order.MaxGatewayLength);
            entry.HasIndex(e => e.MovementId);
            entry.HasIndex(e => e.OrderId);
            entry.HasIndex(e => e.RecordedAt);
            entry.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<VoucherClaim>(claim =>
        {
            claim.Property(c => c.CodeNonce).HasMaxLength(VoucherClaim.NonceLength);
            claim.Property(c => c.RedeemedAtLocation).HasMaxLength(VoucherClaim.MaxLocationLength);

            // At most N live claims per person and voucher: each holds one of the slots 1..N, and a
            // second claim racing for the same slot loses here, not in a read-then-write.
            claim.HasIndex(c => new { c.VoucherId, c.AccountId, c.Slot }).IsUnique()
                .HasFilter("\"Slot\" IS NOT NULL").HasDatabaseName("UX_VoucherClaims_Voucher_Account_Slot");
            claim.HasIndex(c => new { c.AccountId, c.ClaimedAt });
            claim.HasIndex(c => c.OrderId).IsUnique().HasFilter("\"OrderId\" IS NOT NULL");
            claim.HasIndex(c => c.VoucherId);

            // No foreign key to the voucher: a claim (paid, maybe redeemed) outlives its listing's deletion.
            claim.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
            claim.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<BankStatementLine>(line =>
        {
            line.Property(l => l.BankTransactionId).HasMaxLength(BankStatementLine.MaxBankTransactionIdLength);

            // A re-imported line is refused here, so importing a statement twice changes nothing.
            line.HasIndex(l => l.BankTransactionId).IsUnique();
            line.HasIndex(l => l.OrderId);
            line.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
