namespace CdsHooksIcans.Service.SmartApp;

/// <summary>The therapy the course follows.</summary>
/// <param name="Code">The <c>iec-product</c> code, for example <c>axicabtagene-ciloleucel</c>.</param>
/// <param name="Display">Its name for people.</param>
public sealed record CourseTherapy(string Code, string Display);
