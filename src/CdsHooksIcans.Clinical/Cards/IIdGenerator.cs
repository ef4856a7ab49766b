namespace CdsHooksIcans.Clinical.Cards;

/// <summary>New ids for cards and suggestions; injected so responses are deterministic in tests.</summary>
public interface IIdGenerator
{
    string NewId();
}
