using System.Text.RegularExpressions;
using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

public sealed partial class RandomIdGeneratorTests
{
    [Fact]
    public void NewId_AcrossSeveralRefills_VersionFourUuidsAllDifferent()
    {
        var ids = new RandomIdGenerator();

        // 256 ids per refill of the random buffer: this crosses it about four times.
        var made = Enumerable.Range(0, 1000).Select(_ => ids.NewId()).ToList();

        Assert.All(made, id => Assert.Matches(VersionFourUuid(), id));
        Assert.Equal(made.Count, made.Distinct().Count());
    }

    [Fact]
    public void NewId_BitsAfterTheFixedOnes_Vary()
    {
        var ids = new RandomIdGenerator();

        var made = Enumerable.Range(0, 512).Select(_ => Guid.Parse(ids.NewId()).ToByteArray()).ToList();

        // Each of the 122 random bits takes both values in 512 ids (a zeroed or repeated buffer would not).
        for (var bit = 0; bit < 128; bit++)
        {
            var fixedBit = (bit / 8 == 7 && bit % 8 >= 4) || (bit / 8 == 8 && bit % 8 >= 6);
            var ones = made.Count(bytes => (bytes[bit / 8] >> (bit % 8) & 1) == 1);
            Assert.True(fixedBit || ones is > 0 and < 512, $"bit {bit} is {(ones == 0 ? "always 0" : "always 1")}");
        }
    }

    [Fact]
    public async Task NewId_FromManyThreads_AllDifferent()
    {
        var ids = new RandomIdGenerator();

        var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 500).Select(_ => ids.NewId()).ToList())));

        var all = made.SelectMany(list => list).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex VersionFourUuid();
}
