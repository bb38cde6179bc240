using System.Reflection;
using DongNai.Domain.People;
using DongNai.Ranking.Features;

namespace DongNai.Ranking.Tests.Features;

/// <summary>Decision 0015: no protected attribute, nor anything read from one, is a ranking feature.</summary>
public sealed class NoProtectedAttributesTests
{
    /// <summary>Words that name a protected attribute or a field holding one.</summary>
    private static readonly string[] ProtectedWords =
        ["gender", "sex", "birth", "dob", "ethnic", "religio", "nationality", "hometown", "origin", "cccd", "identitycard", "agegroup", "personage", "ageyears"];

    /// <summary>The only person data (of the user, or of a listing's owner) a feature may read.</summary>
    private static readonly string[] AllowedPersonReads =
        ["Profile.IndustrialParkCode", "Profile.HomeCommuneCode", "Profile.Verification (of the listing's owner)"];

    private static readonly string[] PersonTypes = ["Profile.", "Account.", "IdentityCard.", "VerificationSubmission.", "ConsentRecord.", "CccdBirthProvinces."];

    [Fact]
    public void FeatureCatalog_ListsEveryFeature_InVectorOrder()
    {
        var features = Enum.GetValues<RankingFeature>();

        Assert.Equal(FeatureCatalog.Count, features.Length);
        Assert.Equal(features, FeatureCatalog.All.Select(definition => definition.Feature));
        Assert.All(FeatureCatalog.All, definition => Assert.NotEmpty(definition.Reads));
    }

    [Fact]
    public void NoFeature_IsNamedAfterOrReadsAProtectedAttribute()
    {
        foreach (var definition in FeatureCatalog.All)
        {
            foreach (var text in definition.Reads.Append(definition.Name).Append(definition.Feature.ToString()))
            {
                var folded = text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
                Assert.DoesNotContain(ProtectedWords, word => folded.Contains(word, StringComparison.Ordinal));
            }

            foreach (var read in definition.Reads.Where(read => PersonTypes.Any(type => read.StartsWith(type, StringComparison.Ordinal))))
            {
                Assert.Contains(read, AllowedPersonReads);
            }
        }
    }

    [Fact]
    public void TheUserRankingProfile_HoldsNoProtectedAttribute()
    {
        var members = typeof(UserRankingProfile)
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Select(member => member.Name.ToLowerInvariant())
            .ToList();

        Assert.NotEmpty(members);
        Assert.DoesNotContain(members, name => ProtectedWords.Any(word => name.Contains(word, StringComparison.Ordinal)) || name is "age" or "_age");
    }

    [Fact]
    public void NoTypeInRanking_HoldsOrTakesIdentityCardData()
    {
        Type[] forbidden = [typeof(IdentityCard), typeof(CccdBirthProvinces), typeof(VerificationSubmission)];
        var offenders = new List<string>();
        foreach (var type in typeof(IRanker).Assembly.GetTypes())
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            offenders.AddRange(type.GetFields(all).Where(f => Mentions(f.FieldType)).Select(f => $"{type.Name}.{f.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => Mentions(p.PropertyType)).Select(p => $"{type.Name}.{p.Name}"));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var types = method.GetParameters().Select(p => p.ParameterType)
                    .Concat(method is MethodInfo info ? [info.ReturnType] : [])
                    .Concat(method.GetMethodBody()?.LocalVariables.Select(local => local.LocalType) ?? []);
                if (types.Any(Mentions))
                {
                    offenders.Add($"{type.Name}.{method.Name}");
                }
            }
        }

        Assert.Empty(offenders);

        bool Mentions(Type type) =>
            forbidden.Contains(type)
            || (type.HasElementType && Mentions(type.GetElementType()!))
            || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
    }
}
