namespace CdsHooksIcans.Service.Authentication;

/// <summary>Whether CDS clients must prove who they are with a signed JWT.</summary>
public enum CdsAuthenticationMode
{
    /// <summary>Every discovery, hook and feedback call needs a valid JWT from a configured client.</summary>
    Required,

    /// <summary>No token is checked: Development only (refused at start-up elsewhere).</summary>
    Disabled,
}
