namespace DongNai.Seeding;

/// <summary>Draws the demo generator makes from a <see cref="Random"/>; deterministic for a given sequence.</summary>
internal static class RandomDraws
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public static int PickIndex(this Random random, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A whole multiple of <paramref name="step"/> in [min, max] (both multiples of step), uniform.</summary>
    public static long NextStep(this Random random, long min, long max, long step) =>
        min + (step * random.NextInt64(0, ((max - min) / step) + 1));

    /// <summary>A moment in the <paramref name="maxDays"/> days before <paramref name="end"/>, to the minute.</summary>
    public static DateTime MinuteBefore(this Random random, DateTime end, int maxDays) =>
        end.AddMinutes(-random.Next(0, (maxDays * 24 * 60) + 1));
}
