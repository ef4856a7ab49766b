using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>The five ICE items and their ranges (ASTCT 2019): orientation 4, naming 3, commands, writing, attention 1 each.</summary>
internal static class IceItems
{
    public const int Count = 5;

    public static int? IndexOf(ObservationKind kind) => kind switch
    {
        ObservationKind.IceOrientation => 0,
        ObservationKind.IceNaming => 1,
        ObservationKind.IceCommands => 2,
        ObservationKind.IceWriting => 3,
        ObservationKind.IceAttention => 4,
        _ => null,
    };

    public static int? Maximum(ObservationKind kind) => kind switch
    {
        ObservationKind.IceOrientation => 4,
        ObservationKind.IceNaming => 3,
        ObservationKind.IceCommands or ObservationKind.IceWriting or ObservationKind.IceAttention => 1,
        _ => null,
    };
}
