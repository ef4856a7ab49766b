namespace CdsHooksIcans.Service.Feedback;

/// <summary>Where feedback is stored (section <c>CdsHooks:Feedback</c>).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "CdsHooks:Feedback";

    /// <summary>The SQLite file; a relative path is under the content root. The default is <c>data/feedback.db</c>.</summary>
    public string DatabasePath { get; set; } = "data/feedback.db";
}
