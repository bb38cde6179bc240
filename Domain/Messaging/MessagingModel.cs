using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Messaging;

/// <summary>The EF mapping of conversations, blocks, reports, notifications, push devices and messaging settings.</summary>
internal static class MessagingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MessagingSettings>(settings =>
        {
            settings.HasKey(s => s.AccountId);
            settings.Property(s => s.Username).HasMaxLength(MessagingSettings.MaxUsernameLength);
            settings.HasIndex(s => s.Username).IsUnique();
            settings.HasOne<Account>().WithOne().HasForeignKey<MessagingSettings>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NotificationPreference>(preference =>
        {
            preference.HasKey(p => new { p.AccountId, p.Type });
            preference.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.HasIndex(c => new { c.FirstAccountId, c.SecondAccountId }).IsUnique();
            conversation.HasIndex(c => c.SecondAccountId);
            conversation.Property(c => c.ListingTitle).HasMaxLength(200);
        });

        modelBuilder.Entity<ConversationMember>(member =>
        {
            member.HasKey(m => new { m.ConversationId, m.AccountId });
            member.HasIndex(m => m.AccountId);
            member.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Message>(message =>
        {
            message.Property(m => m.ClientMessageId).HasMaxLength(Message.MaxClientMessageIdLength);
            message.Property(m => m.ImageFile).HasMaxLength(100);
            message.Property(m => m.ImageContentType).HasMaxLength(40);
            message.Property(m => m.ListingTitle).HasMaxLength(200);
            message.HasIndex(m => new { m.ConversationId, m.SenderId, m.ClientMessageId }).IsUnique();
            message.HasIndex(m => new { m.ConversationId, m.Id });
            message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Block>(block =>
        {
            block.HasKey(b => new { b.BlockerId, b.BlockedId });
            block.HasIndex(b => b.BlockedId);
        });

        modelBuilder.Entity<PersonReport>(report =>
        {
            report.Property(r => r.Details).HasMaxLength(PersonReport.MaxDetailsLength);
            report.HasIndex(r => r.ReportedId);
        });

        modelBuilder.Entity<PushDevice>(device =>
        {
            device.HasIndex(d => d.TokenLookupHash).IsUnique();
            device.HasIndex(d => d.AccountId);
            device.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Notification>(notification =>
        {
            notification.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
            notification.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
            notification.Property(n => n.Link).HasMaxLength(Notification.MaxLinkLength);
            notification.HasIndex(n => new { n.AccountId, n.Id });
            notification.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
